import { type AddressInfo, type Socket, createConnection, createServer } from 'node:net';

/**
 * A TCP proxy in front of the PBX so a test can cut the network (every open connection dies and
 * new ones are refused) for as long as it likes, then restore it — a real outage, REST included.
 */
export async function startTcpProxy(targetHost: string, targetPort: number) {
  const sockets = new Set<Socket>();
  const websockets = new Set<Socket>(); // client sockets whose upstream answered 101

  let blocked = false;
  const server = createServer((client) => {
    if (blocked) return void client.destroy();
    const upstream = createConnection({ host: targetHost, port: targetPort });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
    upstream.once('data', (chunk: Buffer) => {
      if (chunk.subarray(0, 12).toString('latin1') === 'HTTP/1.1 101') {
        websockets.add(client);
        client.on('close', () => websockets.delete(client));
      }
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cut() {
      blocked = true;
      for (const s of sockets) s.destroy();
    },
    /** Sends a text frame to every websocket client as if the PBX had sent it (use while idle). */
    inject(text: string) {
      const payload = Buffer.from(text, 'utf8');
      const header =
        payload.length < 126
          ? Buffer.from([0x81, payload.length])
          : Buffer.from([0x81, 126, payload.length >> 8, payload.length & 0xff]);
      for (const s of websockets) s.write(Buffer.concat([header, payload]));
      return websockets.size;
    },
    restore() {
      blocked = false;
    },
    async close() {
      blocked = true;
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
