import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import { AtriaClient, parseAtriaCredentials } from '../core/atria/client';
import { ConnectWiseClient } from '../core/connectwise/client';
import { parseConnectWiseCredentials } from '../core/connectwise/credentials';
import { CwCodedError } from '../core/errors';
import { describeReadFailure } from '../core/plan/readFailure';
import { RequestExecutor } from '../core/transport/executor';
import { n8nClock, n8nTransport } from './n8nTransport';

export const ATRIA_CREDENTIAL = 'atriaApi';
export const CONNECTWISE_CREDENTIAL = 'connectWiseManageApi';

export interface ExecutionLimits {
	concurrency: number;
	requestsPerMinute: number;
}

type Context = IExecuteFunctions | ILoadOptionsFunctions;

/**
 * The credential's data, or undefined when n8n cannot give it (none selected, or it cannot be decrypted).
 * The parsers turn undefined into CW16 (ConnectWise) or CW03 (Atria); n8n's own message is dropped because
 * it can name the credential's id, and the fix is the same whatever it says.
 */
async function readCredential(context: Context, name: string): Promise<unknown> {
	return await context.getCredentials(name).catch(() => undefined);
}

/** The credential read for the run, handed to every request of the run (the parser has accepted it). */
function credentialData(credential: unknown): ICredentialDataDecryptedObject | undefined {
	return typeof credential === 'object' && credential !== null
		? (credential as ICredentialDataDecryptedObject)
		: undefined;
}

export async function connectToConnectWise(
	context: Context,
	limits: ExecutionLimits,
): Promise<{ client: ConnectWiseClient; executor: RequestExecutor }> {
	const credential = await readCredential(context, CONNECTWISE_CREDENTIAL);
	const connection = parseConnectWiseCredentials(credential);
	const executor = new RequestExecutor({
		transport: n8nTransport(context, CONNECTWISE_CREDENTIAL, credentialData(credential)),
		clock: n8nClock,
		concurrency: limits.concurrency,
		requestsPerMinute: limits.requestsPerMinute > 0 ? limits.requestsPerMinute : undefined,
	});
	const client = await ConnectWiseClient.connect(executor, connection).catch((error: unknown) =>
		describeReadFailure(error, 'company info'),
	);
	if (client instanceof CwCodedError) throw client;
	return { client, executor };
}

export async function connectToAtria(context: IExecuteFunctions): Promise<AtriaClient> {
	const credential = await readCredential(context, ATRIA_CREDENTIAL);
	const { baseUrl } = parseAtriaCredentials(credential);
	const executor = new RequestExecutor({
		transport: n8nTransport(context, ATRIA_CREDENTIAL, credentialData(credential)),
		clock: n8nClock,
		concurrency: 1,
	});
	return new AtriaClient(executor, baseUrl);
}
