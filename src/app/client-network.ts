// The network a client address stands for when budgets and failed authentications are counted.
// An IPv4 address is one client; an IPv6 client usually holds a whole /64 (SLAAC, privacy
// addresses), so every address of a /64 is one client — else each of its 2^64 addresses would be a
// fresh anonymous budget. An IPv4-mapped IPv6 address (::ffff:198.51.100.9) is its IPv4 address.
import ipaddr from 'ipaddr.js';

export function clientNetwork(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const { parts } = parsed as ipaddr.IPv6;
  return `${new ipaddr.IPv6([...parts.slice(0, 4), 0, 0, 0, 0]).toString()}/64`;
}
