import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

/** A TCP port free on `host` right now (the OS picks it; a race with another process is possible but rare). */
export function freeTcpPort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A UDP port free on `host` right now. */
export function freeUdpPort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, host, () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

/**
 * A free UDP port kept bound until `release()`: for a port that something will listen on only
 * later (the tier's partner center answers minutes after the tier starts). A port merely found
 * free is free for everyone: another Asterisk on the machine could take it for its RTP in the
 * meantime, and the INVITE meant for the partner would never be answered.
 */
export function reserveUdpPort(host = '127.0.0.1'): Promise<{ port: number; release(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, host, () => {
      const { port } = socket.address();
      let released: Promise<void> | null = null;
      resolve({
        port,
        release: () => (released ??= new Promise<void>((done) => socket.close(() => done()))),
      });
    });
  });
}

/** Whether every UDP port in [start, end] can be bound on `host` now. */
async function udpRangeFree(host: string, start: number, end: number): Promise<boolean> {
  const sockets: ReturnType<typeof createSocket>[] = [];
  try {
    for (let port = start; port <= end; port++) {
      const socket = createSocket('udp4');
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.bind(port, host, () => resolve());
      });
    }
    return true;
  } catch {
    return false;
  } finally {
    await Promise.all(
      sockets.map((s) => new Promise<void>((resolve) => s.close(() => resolve())).catch(() => undefined)),
    );
  }
}

/**
 * An even-based range of `size` UDP ports, all free on `host` now, for RTP (Asterisk's, or a
 * SIPp's media ports), picked at random from 20000–59999 so concurrent instances rarely meet.
 */
export async function freeUdpRange(size: number, host = '127.0.0.1'): Promise<{ start: number; end: number }> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const start = 20_000 + 2 * Math.floor(Math.random() * ((40_000 - size) / 2));
    if (await udpRangeFree(host, start, start + size - 1)) return { start, end: start + size - 1 };
  }
  throw new Error(`no free range of ${size} UDP ports on ${host}`);
}
