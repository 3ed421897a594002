import type { LogLevel } from './levels';

import type { EntryField, EntryFields } from '../contracts/logEntry';

export type { EntryField, EntryFields };

export interface CodeDefinition {
	code: string;
	level: LogLevel;
	/** When it occurs, as Atria's code table says. */
	occurs: string;
	/** The message template exactly as Atria's code table words it (placeholders in braces). */
	template: string;
	/**
	 * The field that fills each placeholder, in the order the placeholders appear. Positional rather than by
	 * placeholder name because Atria's templates name their placeholders inconsistently (CW11 names
	 * LineDescription where it means the SKU; CW14 repeats customerName).
	 */
	slots: readonly EntryField[];
	/** What the billing admin does about it. */
	howToResolve: string;
	/**
	 * What the code records: `stopsRun`, a failure that stops Atria's job (configuration, connectivity, payload
	 * shape); `write`, a change written to an addition (counted in the run's quantity and revenue change);
	 * `entry`, anything else (information, a warning, a failure confined to a customer or line).
	 */
	kind: CodeKind;
	/** `api`: caused by what an API answered (n8n shows it as an API error), not by configuration. */
	cause?: 'api';
}

export type CodeKind = 'stopsRun' | 'write' | 'entry';

const definitions = [
	{
		code: 'CW01',
		level: 'Info',
		occurs: 'Start of Process',
		template: 'Billing Process Started : For Billing Period {BillPeriod End Date}',
		slots: ['billingPeriodEnd'],
		howToResolve: 'No action required.',
		kind: 'entry',
	},
	{
		code: 'CW02',
		level: 'Error',
		occurs: 'Cannot connect to Connectwise',
		template: 'Failed to connect to Connectwise: Error reported was : {Error details}',
		slots: ['error'],
		howToResolve:
			'Check the ConnectWise site or custom URL in the credential, that the API member and its keys are active, and that ConnectWise is reachable; then run again.',
		kind: 'stopsRun',
		cause: 'api',
	},
	{
		code: 'CW03',
		level: 'Error',
		occurs: 'Cannot connect to Atria',
		template: 'Failed to connect to Atria: Error reported was : {Error details}',
		slots: ['error'],
		howToResolve:
			'Check the Atria base URL and that the API token is valid (generate a new one on the Password page of a user with the "Service Provider Developer" permission); then run again.',
		kind: 'stopsRun',
		cause: 'api',
	},
	{
		code: 'CW04',
		level: 'Warn',
		occurs: 'Company ID missing in Atria',
		template:
			'{CustomerShortCode} CompanyID Missing Unable to process records for Atria Customer {CustomerName} – Please add CompanyID from ConnectWise into Billing Identifier field on Customer',
		slots: ['customerCode', 'customerName'],
		howToResolve:
			'Locate the Company in ConnectWise, copy the CompanyID. Locate the Customer in Atria, Paste the CompanyID into the Billing Identifier field. Save.',
		kind: 'entry',
	},
	{
		code: 'CW05',
		level: 'Warn',
		occurs: 'SKU Missing in Atria',
		template:
			'{CustomerShortCode} SKU Missing in Atria : {CustomerShortCode} : Skipped Line {LineDescription} for Customer {CustomerName} as no SKU was provided',
		slots: ['customerCode', 'customerCode', 'lineDescription', 'customerName'],
		howToResolve:
			'If you do not want this data in ConnectWise, you can ignore or filter using an Atria billing rule. If this needs to be invoiced, ensure a product exists in ConnectWise and that the SKU code is stored against the Service in Atria.',
		kind: 'entry',
	},
	{
		code: 'CW06',
		level: 'Warn',
		occurs: 'Product doesn’t exist in ConnectWise',
		template:
			'{CustomerShortCode} Product Missing : Skipped Line {LineDescription} with Product ID {SKU} for Customer {CustomerName} as the SKU could not be located in ConnectWise. Please add this product in ConnectWise portal',
		slots: ['customerCode', 'lineDescription', 'sku', 'customerName'],
		howToResolve: 'Check the Product SKU and make sure it is configured within ConnectWise.',
		kind: 'entry',
	},
	{
		code: 'CW07',
		level: 'Info',
		occurs: 'Contract quantity Change',
		template:
			'{CustomerShortCode} Quantity Update : Line located for {Line Description} with Product ID {SKU} and updated from {beforequantity} to {afterquantity}',
		slots: ['customerCode', 'lineDescription', 'sku', 'quantityBefore', 'quantityAfter'],
		howToResolve: 'No action required.',
		kind: 'write',
	},
	{
		code: 'CW08',
		level: 'Info',
		occurs: 'New Contract Line Added',
		template:
			'{CustomerShortCode} Contract Line Added : New Line added for {Line Description} with Product ID {SKU}',
		slots: ['customerCode', 'lineDescription', 'sku'],
		howToResolve: 'No action required.',
		kind: 'write',
	},
	{
		code: 'CW09',
		level: 'Verbose',
		occurs: 'Contract Line has no changes',
		template:
			'{CustomerShortCode} Contract Line for {Line Description} located – quantity is unchanged',
		slots: ['customerCode', 'lineDescription'],
		howToResolve: 'No action required.',
		kind: 'entry',
	},
	{
		code: 'CW10',
		level: 'Error',
		occurs: 'Error on retrieving agreement addition ConnectWise',
		template:
			'{CustomerShortCode} Contract Line {LineDescription}, SKU {SKU}, Error Details {Error}',
		slots: ['customerCode', 'lineDescription', 'sku', 'error'],
		howToResolve:
			'Read the error details: a 400 InvalidObject usually means other data on the addition or agreement is invalid in ConnectWise; fix it there and run again (the run is idempotent).',
		kind: 'entry',
	},
	{
		code: 'CW11',
		level: 'Error',
		occurs: 'Error on creating new product catalog item',
		template:
			'{billingInvoiceDataitem.CustomerName} Catalog Item {billingInvoiceDataitem.LineDescription}, SKU {billingInvoiceDataitem.LineDescription}, Error Details {response.ErrorMessage}',
		slots: ['customerName', 'lineDescription', 'sku', 'error'],
		howToResolve:
			'Read the error details; create the product in the ConnectWise catalog by hand or fix the subcategory and product type chosen in the node, then run again.',
		kind: 'entry',
	},
	{
		code: 'CW12',
		level: 'Error',
		occurs: 'Error creating agreement addition',
		template:
			'{billingInvoiceDataitem.CustomerName} Addition {billingInvoiceDataitem.Sku}, Error Details {response.ErrorMessage}',
		slots: ['customerName', 'sku', 'error'],
		howToResolve:
			'Read the error details: the product may be a Bundle, inactive, or not allowed on this agreement. Add the addition by hand or fix the product, then run again.',
		kind: 'entry',
	},
	{
		code: 'CW13',
		level: 'Error',
		occurs: 'Error Deserializing Json objects',
		template: 'Failed to Deserialize object: Error reported was: {e.Message}',
		slots: ['error'],
		howToResolve:
			'An API answered with data of an unexpected shape. Check the API URLs point at Atria and ConnectWise (not a proxy or login page); if the data itself is wrong (e.g. a negative quantity), correct it at the source.',
		kind: 'stopsRun',
		cause: 'api',
	},
	{
		code: 'CW14',
		level: 'Warn',
		occurs: "Error when customer or agreement doesn't exist in ConnectWise",
		template:
			'No Agreement exists for the customer {customerName}. Check ConnectWise to see if the customer: {customerName} with Id: {customerAccountCode} and agreement type: {_taskParameters.AgreementType} exists.',
		slots: ['customerName', 'customerName', 'billingIdentifier', 'agreementType'],
		howToResolve:
			'Locate the company in ConnectWise and make sure an agreement of the correct type is configured.',
		kind: 'entry',
	},
	{
		code: 'CW15',
		level: 'Warn',
		occurs: 'Error when no data exists in the billing period specified.',
		template: 'No records found in Atria for billing period {invoiceDate}.',
		slots: ['billingPeriodEnd'],
		howToResolve:
			'This could mean that an incorrect date was used or the Bill Processing has not executed successfully.',
		kind: 'entry',
	},
	{
		code: 'CW16',
		level: 'Error',
		occurs: 'Error reading connectwise configuration secrets',
		template: 'Failed to retrieve ConnectWise secrets. Error occurred is: {e.Message}',
		slots: ['error'],
		howToResolve:
			'Select a ConnectWise Manage API credential on the node and make sure it can be read (re-save it).',
		kind: 'stopsRun',
	},
	{
		code: 'CW17',
		level: 'Error',
		occurs: 'api url is null or empty',
		template:
			'Failed to Retrieve Job Task Parameters: Error reported was: api url is not available',
		slots: [],
		howToResolve:
			'Choose the ConnectWise site in the credential, or enter the custom or on-premise URL.',
		kind: 'stopsRun',
	},
	{
		code: 'CW18',
		level: 'Error',
		occurs: 'invalid value for secrets',
		template: 'Failed to validate ConnectWise secrets. {property.Name } must have a valid value',
		slots: ['property'],
		howToResolve:
			'Enter a valid value for the named field of the ConnectWise Manage API credential.',
		kind: 'stopsRun',
	},
	{
		code: 'CW19',
		level: 'Error',
		occurs: 'invalid Billing period date or format',
		template: 'Incorrect billing period date or format',
		slots: [],
		howToResolve:
			'Use Current, Previous, or a real date written YYYY-MM-DD (for example 2026-10-25).',
		kind: 'stopsRun',
	},
	{
		code: 'CW20',
		level: 'Warn',
		occurs: 'Product has been removed from customer in this period.',
		template:
			'{CustomerName}| Line located for {addition.LineDescription} with Product ID {addition.Sku} is been removed in the selected billing period. The Quantity is updated from {addition.Quantity} to 0.00',
		slots: ['customerName', 'lineDescription', 'sku', 'quantityBefore'],
		howToResolve:
			'The quantity is set as 0 on the addition line. There is no specific action required.',
		kind: 'write',
	},
	{
		code: 'CW21',
		level: 'Error',
		occurs: 'Agreement type is invalid.',
		template: 'Invalid agreement type. Please check agreement type in job parameters.',
		slots: [],
		howToResolve:
			'Choose an agreement type that exists and is active in ConnectWise (Finance > Agreement Types); the node lists them.',
		kind: 'stopsRun',
	},
	{
		code: 'CW22',
		level: 'Warn',
		occurs: "Contract Line doesn't exist in ConnectWise",
		template:
			'Contract Line Missing in ConnectWise : Skipped Line {addition.LineDescription} with Product ID {addition.Sku} for Customer {addition.CustomerName} as the SKU could not be located in ConnectWise',
		slots: ['lineDescription', 'sku', 'customerName'],
		howToResolve:
			'If AllowAtriaCreateAdditions is set to False, Atria will not automatically add Additions. To resolve, manually add an addition to the Agreement, or change this setting to True.',
		kind: 'entry',
	},
	{
		code: 'CW23',
		level: 'Info',
		occurs: 'End of Process',
		template: 'Billing Process Completed with status {result.Result}',
		slots: ['status'],
		howToResolve: 'Review Error entries first, then Warn entries, then Info.',
		kind: 'entry',
	},
	// Extensions beyond Atria's code table: situations Atria's job does not report, which an admin must see.
	// A separate prefix keeps them from ever colliding with a future CWnn of Atria's.
	{
		code: 'ACW01',
		level: 'Warn',
		occurs: 'Several active agreements of the type for one company',
		template:
			'{CustomerShortCode} has several agreements of type {AgreementType}; using agreement {AgreementId} {AgreementName} (rule: {Rule})',
		slots: ['customerCode', 'agreementType', 'agreementId', 'agreementName', 'rule'],
		howToResolve:
			'Cancel or retype the agreements that should not receive Atria quantities, or choose another agreement selection rule on Reconcile Agreement.',
		kind: 'entry',
	},
	{
		code: 'ACW02',
		level: 'Warn',
		occurs:
			'Several Billable lines of one product at one price bill in the period on the same days',
		template:
			'{CustomerShortCode} Duplicate addition {AdditionId} for {LineDescription} with Product ID {SKU} on agreement {AgreementId} is updated from {beforequantity} to 0.00',
		slots: [
			'customerCode',
			'additionId',
			'lineDescription',
			'sku',
			'agreementId',
			'quantityBefore',
		],
		howToResolve:
			'The agreement billed the product twice over the same days at the same price; one line carries the quantity and the duplicate is set to 0. Cancel the duplicate in ConnectWise if it is not needed.',
		kind: 'write',
	},
	{
		code: 'ACW03',
		level: 'Warn',
		occurs: 'Several Atria customers have the same Billing Identifier',
		template:
			"{CustomerShortCode} Billing Identifier {BillingIdentifier} is also used by Atria customer {OtherCustomer}: not processed, as one agreement cannot carry two customers' quantities",
		slots: ['customerCode', 'billingIdentifier', 'error'],
		howToResolve:
			'Give each Atria customer the CompanyID of its own ConnectWise company in its Billing Identifier, or merge the customers in Atria.',
		kind: 'entry',
	},
	{
		code: 'ACW04',
		level: 'Info',
		occurs: 'A product missing from the catalog was added to it (Create Missing Products)',
		template:
			'{CustomerShortCode} Catalog Item Added : New product {SKU} added to the ConnectWise catalog for {LineDescription}',
		slots: ['customerCode', 'sku', 'lineDescription'],
		howToResolve:
			"No action required; review the new catalog item's price, cost and category in ConnectWise.",
		kind: 'entry',
	},
	{
		code: 'ACW05',
		level: 'Warn',
		occurs: "The line that receives Atria's quantity is scheduled to stop billing",
		template:
			'{CustomerShortCode} Line {AdditionId} for {LineDescription} with Product ID {SKU} stops billing on {CancelledDate} while Atria still bills {afterquantity}',
		slots: [
			'customerCode',
			'additionId',
			'lineDescription',
			'sku',
			'cancelledDate',
			'quantityAfter',
		],
		howToResolve:
			"The line still bills until its cancelled date and has been given Atria's quantity. If the customer keeps the service, clear the cancelled date in ConnectWise (or add a line that starts the day after); if the service is ending, end it in Atria too.",
		kind: 'entry',
	},
	{
		code: 'ACW06',
		level: 'Warn',
		occurs:
			'Atria bills a product whose only lines on the agreement are not Billable lines of the period',
		template:
			'{CustomerShortCode} Not changed : Atria bills {afterquantity} of {LineDescription} with Product ID {SKU} but the agreement has no Billable line of it in the period: {Reason}',
		slots: ['customerCode', 'quantityAfter', 'lineDescription', 'sku', 'reason'],
		howToResolve:
			"A person decided how this product bills (a line that stopped or starts later, a DoNotBill or NoCharge line, a credit). Check the named lines in ConnectWise: add or reopen a Billable line if Atria's quantity should be invoiced, or mark the service non-billable in Atria.",
		kind: 'entry',
	},
	{
		code: 'ACW07',
		level: 'Warn',
		occurs: 'Several Billable lines of one product bill in the period at different prices',
		template:
			'{CustomerShortCode} Not changed : {LineDescription} with Product ID {SKU} has Billable lines at different prices in the period ({Reason}); Atria bills {afterquantity}',
		slots: ['customerCode', 'lineDescription', 'sku', 'reason', 'quantityAfter'],
		howToResolve:
			"Decide which line carries the customer's quantity: cancel or end the other lines in ConnectWise (or give them a cancelled date), then run again.",
		kind: 'entry',
	},
	{
		code: 'ACW08',
		level: 'Warn',
		occurs: 'A planned line was changed in ConnectWise between the plan and the apply',
		template:
			'{CustomerShortCode} Not written : Line {AdditionId} for {LineDescription} with Product ID {SKU} changed since the plan ({Reason}); it stays at {beforequantity}',
		slots: ['customerCode', 'additionId', 'lineDescription', 'sku', 'reason', 'quantityBefore'],
		howToResolve:
			'Someone (a person or another run) changed the line after it was planned, so the planned quantity was not written over it. Check the line in ConnectWise, then run the job again to plan from what it holds now.',
		kind: 'entry',
	},
	{
		code: 'ACW09',
		level: 'Info',
		occurs: "A line already holds Atria's quantity and was changed after the period ended",
		template:
			'{CustomerShortCode} Contract Line for {LineDescription} with Product ID {SKU} is already at {afterquantity} : last changed at {LastUpdated} by {UpdatedBy}, after the period ended',
		slots: ['customerCode', 'lineDescription', 'sku', 'quantityAfter', 'lastUpdated', 'updatedBy'],
		howToResolve:
			'No action required. The change was made after the period closed: by an earlier run of this job (one that did not finish logs no entry of its own) or by a person. This entry is its record.',
		kind: 'entry',
	},
	{
		code: 'ACW10',
		level: 'Warn',
		occurs: 'The billing period before this one could not be read from Atria',
		template:
			'Previous billing period {BillPeriod End Date} could not be read from Atria: services that left since then are not set to 0 this run. Error reported was : {Error details}',
		slots: ['billingPeriodEnd', 'error'],
		howToResolve:
			"This period's quantities were still written. Check that Atria serves the previous period (its bill run may have been reprocessed), then run again so that services customers dropped are set to 0.",
		kind: 'entry',
	},
	{
		code: 'ACW11',
		level: 'Warn',
		occurs:
			"A planned change was held for a person's approval by Reconcile Agreement's review policy and not written",
		template:
			'{CustomerShortCode} Held for approval : {LineDescription} with Product ID {SKU} stays at {beforequantity} instead of {afterquantity} (monthly revenue {RevenueChange}) : {ReviewReason}',
		slots: [
			'customerCode',
			'lineDescription',
			'sku',
			'quantityBefore',
			'quantityAfter',
			'monthlyRevenueChange',
			'reviewReason',
		],
		howToResolve:
			'Review the change and its money. To let it through, approve it in the review workflow (Apply Additions with Lines to Apply set to Approved Lines and its line ID), or change the review policy on Reconcile Agreement; to keep the agreement as it is, do nothing: the next run plans it again.',
		kind: 'entry',
	},
] as const satisfies readonly CodeDefinition[];

/** Every code of the catalogue; the table above is the only place a code is written down. */
export type CwCode = (typeof definitions)[number]['code'];

export const CODE_CATALOGUE: ReadonlyMap<CwCode, CodeDefinition> = new Map(
	definitions.map((definition) => [definition.code as CwCode, Object.freeze(definition)]),
);

export function codeDefinition(code: CwCode): CodeDefinition {
	const definition = CODE_CATALOGUE.get(code);
	if (!definition) throw new Error(`Unknown log code ${code}`);
	return definition;
}

/** The codes of one kind, e.g. every code that records a write. */
export function codesOfKind(kind: CodeKind): ReadonlySet<CwCode> {
	return new Set(
		definitions
			.filter((definition) => definition.kind === kind)
			.map((definition) => definition.code),
	);
}

export function isCwCode(value: string): value is CwCode {
	return CODE_CATALOGUE.has(value as CwCode);
}

/** The codes caused by what an API answered rather than by configuration. */
export function codesCausedByApi(): ReadonlySet<CwCode> {
	return new Set(
		definitions
			.filter((definition) => 'cause' in definition && definition.cause === 'api')
			.map((definition) => definition.code),
	);
}
