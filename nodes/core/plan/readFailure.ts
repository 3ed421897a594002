import { ConnectWiseApiError, UnexpectedResponseError } from '../connectwise/errors';
import { CwCodedError } from '../errors';
import { OutcomeUnknownError, RequestFailedError } from '../transport/executor';

/**
 * Maps a failed ConnectWise read to its CW code: a wrong shape is CW13, everything else (no connection,
 * refused credentials, server errors after retries, throttling beyond patience) is CW02.
 */
export function describeReadFailure(error: unknown, what: string): CwCodedError {
	if (error instanceof CwCodedError) return error;
	if (error instanceof UnexpectedResponseError)
		return new CwCodedError('CW13', { error: error.message });
	if (error instanceof ConnectWiseApiError) {
		const hint =
			error.status === 401
				? ' (check the company ID, public and private keys, and client ID)'
				: error.status === 403
					? ' (the API member lacks a security role right)'
					: '';
		return new CwCodedError(
			'CW02',
			{ error: `reading ${what}: ${error.message}${hint}` },
			{ httpStatus: error.status },
		);
	}
	if (error instanceof RequestFailedError || error instanceof OutcomeUnknownError) {
		return new CwCodedError('CW02', { error: `reading ${what}: ${error.message}` });
	}
	throw error;
}
