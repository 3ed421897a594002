/**
 * The report page's script, inlined into the page. Plain ES2017 for any current browser, no imports and
 * no requests. It reads the entries from the page's JSON element and builds every row with textContent,
 * never innerHTML, so a customer name holding markup shows as text.
 *
 * Sorting, searching and filtering work on all entries in memory; the table then shows the matching rows
 * a page at a time (more as the reader scrolls, all of them before printing), because laying out a
 * 5,000-row table takes a browser seconds while 200 rows take milliseconds. Rows are built once, when first
 * shown. "Download CSV" writes every matching row, shown yet or not.
 *
 * The money per customer table is rendered in the page; the script only reorders its rows when a header is clicked.
 *
 * Kept as a string (the core compiles without DOM types); test/report/browser.test.ts drives it in Chromium.
 */
export const CLIENT_SCRIPT = `(function () {
	'use strict';
	var PAGE_SIZE = 200;
	var payload = JSON.parse(document.getElementById('report-data').textContent);
	var LEVEL_RANK = { Error: 0, Warn: 1, Info: 2, Verbose: 3 };
	var body = document.getElementById('entries-body');
	var status = document.getElementById('entries-status');
	var search = document.getElementById('entries-search');
	var more = document.getElementById('entries-more');
	var state = { sort: 'time', direction: 1, level: 'All', query: '' };
	var matching = [];
	var shown = 0;

	function cell(row, text, className) {
		var td = document.createElement('td');
		td.textContent = text;
		if (className) td.className = className;
		row.appendChild(td);
		return td;
	}

	function small(parent, text) {
		var note = document.createElement('small');
		note.textContent = text;
		parent.appendChild(note);
	}

	function buildRow(entry) {
		var tr = document.createElement('tr');
		tr.className = 'entry level-' + entry.level.toLowerCase();
		var time = cell(tr, entry.time.slice(11, 19), 'time');
		time.title = entry.time;
		var level = cell(tr, '', 'level');
		var badge = document.createElement('span');
		badge.className = 'badge level-' + entry.level.toLowerCase();
		badge.textContent = entry.level;
		level.appendChild(badge);
		var code = cell(tr, '', 'code');
		var link = document.createElement('a');
		link.href = '#code-' + entry.code;
		link.textContent = entry.code;
		link.title = 'How to resolve ' + entry.code;
		code.appendChild(link);
		var customer = cell(tr, '', 'customer');
		if (entry.customerName || entry.customerCode) {
			var name = document.createElement('span');
			name.className = 'customer-name';
			name.textContent = entry.customerName || entry.customerCode;
			customer.appendChild(name);
			if (entry.customerName && entry.customerCode) {
				var short = document.createElement('span');
				short.className = 'customer-code';
				short.textContent = entry.customerCode;
				customer.appendChild(short);
			}
		}
		var sku = cell(tr, entry.sku || entry.lineDescription, 'sku');
		if (!entry.sku && entry.lineDescription) sku.classList.add('no-sku');
		cell(tr, entry.message, 'message');
		cell(tr, entry.change, 'change');
		cell(tr, entry.outcome, 'outcome');
		var money = cell(tr, entry.revenue, 'money');
		if (entry.cost) small(money, 'cost ' + entry.cost);
		if (entry.prices) money.title = entry.prices;
		var review = cell(tr, '', 'review');
		if (entry.review) {
			var decision = document.createElement('span');
			decision.className = 'decision review-' + entry.review;
			decision.textContent = entry.review;
			review.appendChild(decision);
		}
		if (entry.reviewReason) small(review, entry.reviewReason);
		return tr;
	}

	var rows = payload.rows.map(function (entry, index) {
		var customer = entry.customerName || entry.customerCode;
		return {
			entry: entry,
			index: index,
			element: null,
			text: (entry.code + ' ' + entry.message).toLowerCase(),
			keys: {
				time: index,
				code: entry.code,
				level: LEVEL_RANK[entry.level],
				customer: customer ? (customer + ' ' + entry.customerCode).toLowerCase() : '',
				sku: entry.sku.toLowerCase(),
			},
		};
	});

	function compare(a, b) {
		var x = a.keys[state.sort];
		var y = b.keys[state.sort];
		// Entries without a customer or SKU (the run's own start and close) stay last either way.
		if (x === '' && y !== '') return 1;
		if (y === '' && x !== '') return -1;
		if (x < y) return -state.direction;
		if (x > y) return state.direction;
		return a.index - b.index;
	}

	function matches(row) {
		if (state.level !== 'All' && row.entry.level !== state.level) return false;
		return state.query === '' || row.text.indexOf(state.query) !== -1;
	}

	function showMore(count) {
		var end = Math.min(matching.length, shown + count);
		var fragment = document.createDocumentFragment();
		for (var i = shown; i < end; i++) {
			var row = matching[i];
			if (!row.element) row.element = buildRow(row.entry);
			fragment.appendChild(row.element);
		}
		body.appendChild(fragment);
		shown = end;
		var left = matching.length - shown;
		more.hidden = left === 0;
		more.textContent = 'Show more entries (' + left + ' not shown yet)';
	}

	function render() {
		matching = rows.filter(matches);
		matching.sort(compare);
		shown = 0;
		body.replaceChildren();
		if (matching.length === 0) {
			var empty = document.createElement('tr');
			cell(empty, 'No entries match the search and level filter.', 'empty').colSpan = 10;
			body.appendChild(empty);
		}
		showMore(PAGE_SIZE);
		status.textContent = 'Showing ' + matching.length + ' of ' + rows.length + ' entries';
		document.querySelectorAll('#entries th[data-sort]').forEach(function (th) {
			var active = th.getAttribute('data-sort') === state.sort;
			th.setAttribute('aria-sort', active ? (state.direction === 1 ? 'ascending' : 'descending') : 'none');
		});
		document.querySelectorAll('button[data-level]').forEach(function (button) {
			button.setAttribute('aria-pressed', String(button.getAttribute('data-level') === state.level));
		});
	}

	document.querySelectorAll('#entries th[data-sort] button').forEach(function (button) {
		button.addEventListener('click', function () {
			var key = button.parentElement.getAttribute('data-sort');
			state.direction = state.sort === key ? -state.direction : 1;
			state.sort = key;
			render();
		});
	});
	document.querySelectorAll('button[data-level]').forEach(function (button) {
		button.addEventListener('click', function () {
			state.level = button.getAttribute('data-level');
			render();
		});
	});
	search.addEventListener('input', function () {
		state.query = search.value.trim().toLowerCase();
		render();
	});
	document.querySelectorAll('button[data-show-code]').forEach(function (button) {
		button.addEventListener('click', function () {
			search.value = button.getAttribute('data-show-code');
			state.query = search.value.toLowerCase();
			state.level = 'All';
			render();
			document.getElementById('entries').scrollIntoView();
		});
	});
	more.addEventListener('click', function () { showMore(PAGE_SIZE); });
	if ('IntersectionObserver' in window) {
		new IntersectionObserver(function (seen) {
			if (seen[0].isIntersecting && shown < matching.length) showMore(PAGE_SIZE);
		}, { rootMargin: '800px 0px' }).observe(more);
	}
	window.addEventListener('beforeprint', function () { showMore(matching.length); });
	document.getElementById('download-csv').addEventListener('click', function () {
		var lines = [payload.csvHeader].concat(matching.map(function (row) { return row.entry.csv; }));
		var blob = new Blob([lines.join('\\n') + '\\n'], { type: 'text/csv;charset=utf-8' });
		var url = URL.createObjectURL(blob);
		var link = document.createElement('a');
		link.href = url;
		link.download = payload.csvFileName;
		document.body.appendChild(link);
		link.click();
		link.remove();
		setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
	});

	// The money per customer table is in the page already: sorting moves its rows, by each cell's data-value.
	var customerTable = document.getElementById('customers-table');
	if (customerTable) {
		var customerBody = customerTable.tBodies[0];
		var customerRows = Array.prototype.map.call(customerBody.rows, function (tr, index) {
			return { element: tr, index: index };
		});
		var customerSort = { key: '', direction: 1 };
		customerTable.querySelectorAll('th[data-customer-sort] button').forEach(function (button) {
			button.addEventListener('click', function () {
				var th = button.parentElement;
				var key = th.getAttribute('data-customer-sort');
				var column = th.cellIndex;
				var numeric = th.getAttribute('data-type') === 'number';
				customerSort.direction = customerSort.key === key ? -customerSort.direction : 1;
				customerSort.key = key;
				var direction = customerSort.direction;
				var value = function (row) { return row.element.cells[column].getAttribute('data-value'); };
				customerRows.sort(function (a, b) {
					var x = value(a);
					var y = value(b);
					// An unknown amount (no unit price) stays last either way, like a missing customer or SKU.
					if (x === '' && y !== '') return 1;
					if (y === '' && x !== '') return -1;
					if (numeric) { x = Number(x); y = Number(y); }
					if (x < y) return -direction;
					if (x > y) return direction;
					return a.index - b.index;
				});
				var fragment = document.createDocumentFragment();
				customerRows.forEach(function (row) { fragment.appendChild(row.element); });
				customerBody.appendChild(fragment);
				customerTable.querySelectorAll('th[data-customer-sort]').forEach(function (header) {
					var active = header === th;
					header.setAttribute('aria-sort', active ? (direction === 1 ? 'ascending' : 'descending') : 'none');
				});
			});
		});
	}

	document.documentElement.classList.add('scripted');
	render();
})();
`;
