/** The one error body the API sends: a short name, a readable message, machine-usable details. */
export interface ApiError {
  error: string;
  message: string;
  details: unknown;
}

const NAMES: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
};

export function apiError(status: number, message: string, details: unknown = null): ApiError {
  return { error: NAMES[status] ?? 'Error', message, details };
}
