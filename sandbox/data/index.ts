/** The sandbox's datasets: the hand-checked demo MSP and the deterministic scale generator. */
export { cloneDemoDataset, demoDataset, DEMO_AGREEMENT_TYPE, DEMO_BILLING_PERIOD_END } from './demo';
export {
	demoExpectedCreateAllowed,
	demoExpectedCreateNotAllowed,
	demoSituations,
	demoSituationsMarkdown,
	type DemoSituation,
} from './demoExpected';
export {
	compareExpectedAdditions,
	countCases,
	CUSTOMER_CASES,
	generateDataset,
	generateDatasetWithCases,
	GENERATED_AGREEMENT_TYPE,
	GENERATED_BILLING_PERIOD_END,
	LINE_CASES,
	NO_AGREEMENT_VARIANTS,
	NO_COMPANY_VARIANTS,
	QUANTITY_TOLERANCE,
	type CustomerCase,
	type DatasetCaseCounts,
	type GenerateOptions,
	type LineCase,
	type NoAgreementVariant,
	type NoCompanyVariant,
	type PlantedCases,
} from './generator';
