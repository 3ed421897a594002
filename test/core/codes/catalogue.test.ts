import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CODE_CATALOGUE, type CwCode } from '../../../nodes/core/codes/catalogue';
import { isAtLeast } from '../../../nodes/core/codes/levels';
import { renderMessage } from '../../../nodes/core/codes/render';
import { CwCodedError } from '../../../nodes/core/errors';

const SEED = resolve(__dirname, '../../../../shared/seed/atria-connectwise-integration.txt');

/** The seed's closing table: four cells per code (ID, Occurs, Log Level, Message), each line ending in " |". */
function seedTable(): Array<{ code: string; occurs: string; level: string; message: string }> {
	const text = readFileSync(SEED, 'utf8');
	const start = text.indexOf('The Following table lists the possible codes');
	const lines = text.slice(start).split('\n').slice(1).map((line) => line.replace(/ ?\|\s*$/, ''));
	const header = lines.indexOf('Message');
	const cells = lines.slice(header + 1).filter((line) => line.trim() !== '');
	const rows = [];
	for (let i = 0; i + 3 < cells.length; i += 4) rows.push({ code: cells[i], occurs: cells[i + 1], level: cells[i + 2], message: cells[i + 3] });
	return rows;
}

describe('CW code catalogue', () => {
	const table = seedTable();

	it('has every code of the seed, CW01 to CW23', () => {
		expect(table.map((row) => row.code)).toEqual(Array.from({ length: 23 }, (_, i) => `CW${String(i + 1).padStart(2, '0')}`));
	});

	it.each(table.map((row) => [row.code, row] as const))('%s has the seed level, occurrence and template word for word', (code, row) => {
		const definition = CODE_CATALOGUE.get(code as CwCode);
		expect(definition).toBeDefined();
		expect(definition?.level).toBe(row.level);
		expect(definition?.occurs).toBe(row.occurs);
		expect(definition?.template).toBe(row.message);
	});

	it('has one slot per placeholder in every template', () => {
		for (const definition of CODE_CATALOGUE.values()) {
			const placeholders = definition.template.match(/\{[^}]*\}/g) ?? [];
			expect([definition.code, placeholders.length]).toEqual([definition.code, definition.slots.length]);
		}
	});

	it('fills templates positionally from typed fields', () => {
		expect(renderMessage('CW07', { customerCode: 'ACME', lineDescription: 'Exchange Online', sku: 'EXO-P1', quantityBefore: 5, quantityAfter: 7.5 })).toBe(
			'ACME Quantity Update : Line located for Exchange Online with Product ID EXO-P1 and updated from 5.00 to 7.50',
		);
		// The seed's CW11 names LineDescription twice; the second slot is the SKU.
		expect(renderMessage('CW11', { customerName: 'Acme', lineDescription: 'Backup', sku: 'BK-1', error: 'boom' })).toBe(
			'Acme Catalog Item Backup, SKU BK-1, Error Details boom',
		);
		expect(renderMessage('CW20', { customerName: 'Acme', lineDescription: 'Backup', sku: 'BK-1', quantityBefore: 2.125 })).toBe(
			'Acme| Line located for Backup with Product ID BK-1 is been removed in the selected billing period. The Quantity is updated from 2.125 to 0.00',
		);
		expect(renderMessage('CW14', { customerName: 'Acme', billingIdentifier: 'ACME1', agreementType: 'Cloud' })).toBe(
			'No Agreement exists for the customer Acme. Check ConnectWise to see if the customer: Acme with Id: ACME1 and agreement type: Cloud exists.',
		);
	});

	it('orders levels for filtering', () => {
		expect(isAtLeast('Error', 'Info')).toBe(true);
		expect(isAtLeast('Warn', 'Info')).toBe(true);
		expect(isAtLeast('Verbose', 'Info')).toBe(false);
		expect(isAtLeast('Info', 'Warn')).toBe(false);
	});

	it('puts the code and the detail in a coded error without an error slot', () => {
		const error = new CwCodedError('CW21', { error: 'no active agreement type is named "X"' });
		expect(error.message).toBe('CW21: Invalid agreement type. Please check agreement type in job parameters. (no active agreement type is named "X")');
		expect(error.howToResolve).toMatch(/agreement type/);
	});
});
