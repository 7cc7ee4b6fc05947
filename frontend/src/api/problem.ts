// API errors as the portal shows them: problem+json (RFC 9457) turned into words and field messages.
import type { components } from "./schema";

export type Problem = components["schemas"]["Problem"];

export class ApiError extends Error {
  readonly status: number;
  readonly code: string | null;
  readonly fieldErrors: Record<string, string[]>;
  readonly problem: Partial<Problem> | null;

  constructor(status: number, problem: Partial<Problem> | null) {
    super(problem?.detail || problem?.title || defaultMessage(status));
    this.name = "ApiError";
    this.status = status;
    this.code = problem?.code ?? null;
    this.fieldErrors = (problem?.errors as Record<string, string[]> | null | undefined) ?? {};
    this.problem = problem;
  }
}

function defaultMessage(status: number): string {
  if (status === 0) return "The server could not be reached. Check your connection and try again.";
  if (status === 403) return "You do not have permission to do this.";
  if (status === 404) return "It no longer exists.";
  if (status === 503) return "The service is briefly unavailable. Try again in a moment.";
  return `The request failed (HTTP ${status}).`;
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Turns an openapi-fetch result into its data, or throws an ApiError with the server's words. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError(0, null);
  }
  if (result.response.ok) return result.data as T;
  const body = result.error;
  const problem = body && typeof body === "object" ? (body as Partial<Problem>) : null;
  throw new ApiError(result.response.status, problem);
}

/** A message for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}

/** The first server message for a form field, if any. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (error instanceof ApiError) return error.fieldErrors[field]?.[0];
  return undefined;
}
