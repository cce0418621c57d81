// One API call as a staff or recruiter client makes it: bearer token, JSON body (or a raw string),
// extra headers; the status and the parsed body (null when it is not JSON).
export interface ApiReply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the API answered
  body: any;
}

export async function apiCall(base: string, token: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiReply> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}
