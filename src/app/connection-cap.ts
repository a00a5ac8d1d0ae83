// Idle kept-alive connections stay open 65 s (longer than clients keep theirs), so they add up.
// A process holds at most `max` connections (Node drops any beyond: server.maxConnections), and
// once nine in ten are taken it closes the idle ones — connections that have been answered and
// wait for nothing; a client reopens one when it needs it — so that idle sockets never keep a new
// client out. Hand-written: Node's closeIdleConnections() would also close connections accepted a
// moment ago whose first request has not arrived yet.
import type http from 'node:http';
import type { Socket } from 'node:net';

export function capConnections(server: http.Server, max: number): void {
  server.maxConnections = max;
  const crowded = Math.floor(max * 0.9);
  const idle = new Set<Socket>();
  let open = 0;
  server.on('connection', (socket: Socket) => {
    open++;
    socket.once('close', () => {
      open--;
      idle.delete(socket);
    });
    if (open < crowded) return;
    for (const waiting of idle) waiting.destroy();
    idle.clear();
  });
  server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
    const { socket } = request;
    idle.delete(socket);
    response.once('finish', () => {
      if (!socket.destroyed) idle.add(socket);
    });
  });
}
