/**
 * Linux kernel versions as Kubernetes reports them (node.status.nodeInfo.kernelVersion, i.e. `uname -r`),
 * and the minimums Terway enforces (reference §1.3; Terway cmd/terway-cli/cni.go, plugin/datapath).
 *
 * A version is comparable only when it starts with `major.minor` (optionally `.patch`) followed by
 * nothing or by a distro suffix after a separator: "5.10.134-16.3.al8.x86_64", "4.19.91-27.al7.x86_64",
 * "3.10.0-1160.el7.x86_64", "5.15.0-91-generic", "5.10". Anything else ("", "5", "v5.10", "5.10abc",
 * "unknown") is not comparable: callers must treat it as missing data, never as new enough.
 */

export interface KernelVersion {
  major: number;
  minor: number;
  /** 0 when the version has no patch number ("5.10"). */
  patch: number;
}

/** Current terway-cli (`cni` init step) refuses kernels older than this: "unsupport kernel version, require >=5.10". */
export const TERWAY_MIN_KERNEL: KernelVersion = { major: 5, minor: 10, patch: 0 };
/** IPvlan and the eBPF datapath (DataPath V2) need at least this kernel (CheckIPVLanAvailable, eBPF feature check). */
export const EBPF_MIN_KERNEL: KernelVersion = { major: 4, minor: 19, patch: 0 };

const KERNEL_RE = /^(\d{1,6})\.(\d{1,6})(?:\.(\d{1,6}))?(?:[-+_~.].+)?$/;

/** The numeric part of a kernel version string, or undefined when it is not comparable. */
export function parseKernelVersion(text: string | undefined): KernelVersion | undefined {
  if (typeof text !== 'string') return undefined;
  const m = KERNEL_RE.exec(text.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: m[3] === undefined ? 0 : Number(m[3]) };
}

/** Negative when a is older than b, 0 when equal, positive when newer. */
export function compareKernelVersions(a: KernelVersion, b: KernelVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** true / false when the version is comparable, undefined when it is not (missing or garbage). */
export function kernelAtLeast(text: string | undefined, min: KernelVersion): boolean | undefined {
  const v = parseKernelVersion(text);
  return v === undefined ? undefined : compareKernelVersions(v, min) >= 0;
}

/** "5.10" for a minimum (patch 0 is left out), "5.10.134" otherwise. */
export function formatKernelVersion(v: KernelVersion): string {
  return v.patch === 0 ? `${v.major}.${v.minor}` : `${v.major}.${v.minor}.${v.patch}`;
}
