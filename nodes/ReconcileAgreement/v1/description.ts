import { NodeConnectionTypes } from 'n8n-workflow';
import { AGREEMENT_SELECTION_RULES } from '../../core/plan/types';
import { DEFAULT_QUANTITY_TOLERANCE } from '../../core/util/quantity';
import { connectWiseLimitOptions } from '../../shared/params';
import { reviewPolicyProperties } from './reviewPolicy';
import type { VersionDescription } from '../../shared/versioned';

export const DEFAULT_AGREEMENT_TYPE = 'Cloud and Hosting Services';

export const versionDescription: VersionDescription = {
	version: 1,
	subtitle:
		'={{ typeof $parameter["agreementType"] === "object" ? ($parameter["agreementType"].cachedResultName || $parameter["agreementType"].value) : $parameter["agreementType"] }}',
	defaults: { name: 'Reconcile Agreement' },
	// Not a tool: it aggregates the run's customers, and with Create Missing Products it writes to the catalog.
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	credentials: [{ name: 'connectWiseManageApi', required: true }],
	properties: [
		{
			displayName: 'Agreement Type',
			name: 'agreementType',
			type: 'resourceLocator',
			default: { mode: 'name', value: DEFAULT_AGREEMENT_TYPE },
			description:
				'The agreement type that carries Atria services (the AgreementType parameter): from the list, by its ConnectWise ID, or by its name',
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					typeOptions: { searchListMethod: 'searchAgreementTypes', searchable: true },
				},
				{
					displayName: 'By ID',
					name: 'id',
					type: 'string',
					placeholder: 'e.g. 12',
					validation: [
						{
							type: 'regex',
							properties: {
								regex: '^\\s*[1-9][0-9]*\\s*$',
								errorMessage: 'Not a valid agreement type ID (a whole number from 1)',
							},
						},
					],
				},
				{
					displayName: 'By Name',
					name: 'name',
					type: 'string',
					placeholder: `e.g. ${DEFAULT_AGREEMENT_TYPE}`,
				},
			],
		},
		{
			displayName: 'Allow Creating Additions',
			name: 'allowCreateAdditions',
			type: 'boolean',
			default: false,
			description:
				'Whether a service Atria bills but the agreement lacks is planned as a new addition (CW08); off logs it as CW22 (the AllowAtriaCreateAdditions parameter)',
		},
		{
			displayName: 'Create Missing Products',
			name: 'createMissingProducts',
			type: 'boolean',
			default: false,
			description:
				'Whether a SKU missing from the ConnectWise catalog is added to it (once per run, however many customers need it) instead of being logged as CW06; a failed create is logged as CW11',
		},
		{
			displayName: 'Product Subcategory',
			name: 'productSubcategory',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					typeOptions: { searchListMethod: 'searchSubcategories', searchable: true },
				},
				{
					displayName: 'By ID',
					name: 'id',
					type: 'string',
					placeholder: 'e.g. 12',
					validation: [
						{
							type: 'regex',
							properties: {
								regex: '^\\s*[1-9][0-9]*\\s*$',
								errorMessage: 'Not a valid product subcategory ID (a whole number from 1)',
							},
						},
					],
				},
			],
			required: true,
			displayOptions: { show: { createMissingProducts: [true] } },
			description:
				'The catalog subcategory of products this node creates: from the list, or by its ConnectWise ID',
		},
		{
			displayName: 'Product Type',
			name: 'productType',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					typeOptions: { searchListMethod: 'searchProductTypes', searchable: true },
				},
				{
					displayName: 'By ID',
					name: 'id',
					type: 'string',
					placeholder: 'e.g. 21',
					validation: [
						{
							type: 'regex',
							properties: {
								regex: '^\\s*[1-9][0-9]*\\s*$',
								errorMessage: 'Not a valid product type ID (a whole number from 1)',
							},
						},
					],
				},
			],
			required: true,
			displayOptions: { show: { createMissingProducts: [true] } },
			description:
				'The catalog product type of products this node creates: from the list, or by its ConnectWise ID',
		},
		{
			displayName: 'Agreement Selection',
			name: 'agreementSelection',
			type: 'options',
			options: AGREEMENT_SELECTION_RULES.map((rule) => ({
				name: rule.name,
				value: rule.value,
				description: rule.description,
			})),
			default: 'lowestId',
			description:
				'Which agreement receives the quantities when a company has several active agreements of the type (each such customer is logged as ACW01)',
		},
		...reviewPolicyProperties,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [
				...connectWiseLimitOptions,
				{
					displayName: 'New Product Cost',
					name: 'newProductCost',
					type: 'number',
					typeOptions: { minValue: 0, numberPrecision: 2 },
					default: 0,
					description: 'Cost of products created by Create Missing Products; 0 leaves it unset',
				},
				{
					displayName: 'New Product Price',
					name: 'newProductPrice',
					type: 'number',
					typeOptions: { minValue: 0, numberPrecision: 2 },
					default: 0,
					description: 'Price of products created by Create Missing Products; 0 leaves it unset',
				},
				{
					displayName: 'Quantity Tolerance',
					name: 'quantityTolerance',
					type: 'number',
					typeOptions: { minValue: 0, numberPrecision: 6 },
					default: DEFAULT_QUANTITY_TOLERANCE,
					description: 'Quantities closer than this count as unchanged',
				},
			],
		},
	],
	hints: [
		{
			message:
				'Items with review.needsApproval true have changes held for approval, and items with needsAttention true a Warn or Error entry: an IF node on either routes them to a person',
			type: 'info',
			location: 'outputPane',
			whenToDisplay: 'afterExecution',
		},
	],
};
