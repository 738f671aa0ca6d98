import { STATUS_CODES } from 'node:http';

/** The one error body the API sends: a short name, a readable message, machine-usable details. */
export interface ApiError {
  error: string;
  message: string;
  details: unknown;
}

export function apiError(status: number, message: string, details: unknown = null): ApiError {
  return { error: STATUS_CODES[status] ?? 'Error', message, details };
}
