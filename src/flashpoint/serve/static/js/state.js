// The dashboard's state lives in the query string, so that a view can be shared or reloaded.
import { FILTER_KEYS } from "./api.js";

const OTHER_KEYS = ["offset", "interval", "event"];

export function emptyState(interval = "week") {
  const state = { offset: 0, interval, event: "" };
  for (const key of FILTER_KEYS) state[key] = "";
  return state;
}

export function readState() {
  const params = new URLSearchParams(window.location.search);
  const state = {};
  for (const key of [...FILTER_KEYS, ...OTHER_KEYS]) state[key] = params.get(key) || "";
  state.offset = Math.max(0, parseInt(state.offset, 10) || 0);
  if (!["day", "week", "month"].includes(state.interval)) state.interval = "week";
  return state;
}

export function writeState(state, { replace = false } = {}) {
  const params = new URLSearchParams();
  for (const key of [...FILTER_KEYS, ...OTHER_KEYS]) {
    const value = state[key];
    if (value && !(key === "offset" && Number(value) === 0) && !(key === "interval" && value === "week")) {
      params.set(key, String(value));
    }
  }
  const url = `${window.location.pathname}${[...params].length ? `?${params}` : ""}`;
  if (url === `${window.location.pathname}${window.location.search}`) return;
  if (replace) window.history.replaceState(null, "", url);
  else window.history.pushState(null, "", url);
}
