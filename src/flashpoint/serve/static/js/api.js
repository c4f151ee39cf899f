// Fetching from the REST API; the filter names are the API's own.

export const FILTER_KEYS = ["start", "end", "country", "type", "actor", "q", "bbox"];

export function filterParams(state, extra = {}) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (state[key]) params.set(key, state[key]);
  for (const [key, value] of Object.entries(extra)) {
    if (value !== null && value !== undefined && value !== "") params.set(key, String(value));
  }
  return params;
}

export async function getJSON(path, params) {
  const query = params && [...params].length ? `?${params}` : "";
  const response = await fetch(`${path}${query}`, { headers: { accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = body && body.error ? body.error : { code: String(response.status), message: "request failed" };
    throw new Error(`${error.code}: ${error.message}`);
  }
  return body;
}
