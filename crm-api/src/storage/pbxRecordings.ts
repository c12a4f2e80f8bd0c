/**
 * The PBX's stored recordings over ARI HTTP, as Asterisk serves them:
 * `GET /ari/recordings/stored/{recordingName}/file` (the name holds `/`: it is one encoded segment).
 */
export interface PbxRecordings {
  /** The file's bytes; throws PbxFetchError (404 = the PBX has no such recording). */
  download(name: string): Promise<Uint8Array>;
}

export class PbxFetchError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

export interface AriHttpOptions {
  /** Base URL (`http://host:8088`; a trailing `/ari` is accepted). */
  url: string;
  username: string;
  password: string;
  timeoutMs?: number;
}

export function ariPbxRecordings(o: AriHttpOptions): PbxRecordings {
  const base = o.url.replace(/\/+$/, '').replace(/\/ari$/, '');
  const auth = `Basic ${Buffer.from(`${o.username}:${o.password}`).toString('base64')}`;
  return {
    async download(name) {
      const url = `${base}/ari/recordings/stored/${encodeURIComponent(name)}/file`;
      let res: Response;
      try {
        res = await fetch(url, {
          headers: { authorization: auth },
          signal: AbortSignal.timeout(o.timeoutMs ?? 30_000),
        });
      } catch (err) {
        throw new PbxFetchError(`PBX unreachable: ${(err as Error).message}`, null);
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw new PbxFetchError(`PBX answered ${res.status} for ${name}`, res.status);
      }
      return new Uint8Array(await res.arrayBuffer());
    },
  };
}
