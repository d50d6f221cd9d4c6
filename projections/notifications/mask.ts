/** j***@example.com: enough to tell two recipients apart, not enough to write to one. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${address[0]}***${address.slice(at)}`;
}

const ADDRESS = /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g;

/** An error text with every address in it masked (SMTP servers quote the recipient they refuse). */
export function maskAddressesIn(text: string): string {
  return text.replace(ADDRESS, (address) => maskAddress(address.replace(/[.>]+$/, '')));
}
