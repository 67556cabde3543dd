// The desk's JSON API: session auth with the CSRF token from the cookie, errors as ApiError.

import { gettext, interpolate } from "./i18n.js";

export class ApiError extends Error {
  constructor(status, data) {
    super((data && typeof data.detail === "string" && data.detail) || interpolate(gettext("The server answered %(status)s."), { status }));
    this.name = "ApiError";
    this.status = status;
    // DRF's shape: {"field": ["message"], ...} or {"detail": "...", "code": "..."}.
    this.data = data && typeof data === "object" ? data : {};
  }
}

export function csrfToken() {
  for (const cookie of document.cookie.split(";")) {
    const [name, ...value] = cookie.trim().split("=");
    if (name === "csrftoken") return decodeURIComponent(value.join("="));
  }
  return "";
}

async function request(method, url, body) {
  const headers = { Accept: "application/json" };
  if (method !== "GET") headers["X-CSRFToken"] = csrfToken();
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { detail: gettext("Could not reach the server. Check your connection and try again.") });
  }
  if (response.status === 204) return null;
  const isJson = (response.headers.get("Content-Type") || "").includes("application/json");
  const data = isJson ? await response.json().catch(() => null) : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export const getAnnotation = (url, id) => request("GET", `${url}${id}/`);
export const createAnnotation = (url, payload) => request("POST", url, payload);
export const updateAnnotation = (url, id, payload) => request("PATCH", `${url}${id}/`, payload);
export const deleteAnnotation = (url, id) => request("DELETE", `${url}${id}/`);
export const submitReview = (url) => request("POST", url, {});
export const reattachOrphan = (url, target) => request("POST", url, { target });
