import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
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

async function readCredential(context: Context, name: string, code: 'CW03' | 'CW16'): Promise<unknown> {
	try {
		return await context.getCredentials(name);
	} catch {
		// n8n's message can name the credential's id; the fix is the same whatever it says.
		throw new CwCodedError(code, { error: 'the credential is missing or could not be read' });
	}
}

export async function connectToConnectWise(context: Context, limits: ExecutionLimits): Promise<{ client: ConnectWiseClient; executor: RequestExecutor }> {
	const connection = parseConnectWiseCredentials(await readCredential(context, CONNECTWISE_CREDENTIAL, 'CW16'));
	const executor = new RequestExecutor({
		transport: n8nTransport(context, CONNECTWISE_CREDENTIAL),
		clock: n8nClock,
		concurrency: limits.concurrency,
		requestsPerMinute: limits.requestsPerMinute > 0 ? limits.requestsPerMinute : undefined,
	});
	try {
		return { client: await ConnectWiseClient.connect(executor, connection), executor };
	} catch (error) {
		throw describeReadFailure(error, 'company info');
	}
}

export async function connectToAtria(context: IExecuteFunctions): Promise<AtriaClient> {
	const { baseUrl } = parseAtriaCredentials(await readCredential(context, ATRIA_CREDENTIAL, 'CW03'));
	const executor = new RequestExecutor({ transport: n8nTransport(context, ATRIA_CREDENTIAL), clock: n8nClock, concurrency: 1 });
	return new AtriaClient(executor, baseUrl);
}
