// Pod IPs of the simulated nodes: 10.244.<subnet>.<host>, host from 2 to 254 (kind's per-node
// /24). An address is never handed out twice while the pool lives, so a recreated pod visibly
// gets a new IP (workshop lesson 3). Only when a node's /24 is exhausted does the pool wrap
// around, skipping addresses still in use, as a real IPAM would.

export class PodIpPool {
  private readonly next = new Map<number, number>();
  private readonly handedOut = new Set<string>();
  private readonly wrapped = new Set<number>();

  /**
   * A fresh address in 10.244.<subnet>.0/24. `inUse` (needed only after the /24 wrapped)
   * tells which addresses live pods hold. Throws when every address is taken.
   */
  allocate(subnet: number, inUse: (ip: string) => boolean = () => false): string {
    for (let tries = 0; tries < 253 * 2; tries++) {
      let host = this.next.get(subnet) ?? 2;
      if (host > 254) {
        host = 2;
        this.wrapped.add(subnet);
      }
      this.next.set(subnet, host + 1);
      const ip = `10.244.${subnet}.${host}`;
      const taken = this.wrapped.has(subnet) ? inUse(ip) : this.handedOut.has(ip);
      if (!taken) {
        this.handedOut.add(ip);
        return ip;
      }
    }
    throw new Error(`no free pod IP in 10.244.${subnet}.0/24`);
  }

  /** Marks an address as handed out (pods that already had IPs when the kubelet started). */
  reserve(ip: string): void {
    this.handedOut.add(ip);
    const m = /^10\.244\.(\d+)\.(\d+)$/.exec(ip);
    if (!m) return;
    const subnet = Number(m[1]);
    const host = Number(m[2]);
    if (host >= (this.next.get(subnet) ?? 2)) this.next.set(subnet, host + 1);
  }

  /** Whether this pool has ever handed out (or been told about) the address. */
  wasAllocated(ip: string): boolean {
    return this.handedOut.has(ip);
  }

  /** Every address handed out so far, in order of allocation. */
  allocated(): string[] {
    return [...this.handedOut];
  }
}
