/** Shapes shared by the compose reader's files (src/collect/compose/). */

/** Something the reader could not fully resolve, without being bad input (e.g. an unset variable). */
export interface ComposeProblem {
  /** Compose file, relative to the working directory, forward slashes. */
  file: string;
  /** 1-based line the problem is about (1 when it concerns the whole file). */
  line: number;
  message: string;
}

/** Environment used for `${VAR}` interpolation. */
export type ComposeEnv = Record<string, string | undefined>;

/** One published port of a service, before it is tied to nodes. */
export interface PortBinding {
  /** File and line of the entry (short syntax: list item; long syntax: `published`, else the item). */
  file: string;
  line: number;
  /** '' when the entry names no host address (all interfaces). IPv6 without brackets. */
  hostIp: string;
  /** 0 when Docker chooses the host port (container port only) or the port is unknown (host network, none declared). */
  hostPort: number;
  /** 0 when unknown. */
  containerPort: number;
  protocol: string;
}

/** A service as read from one file, or merged from several. */
export interface ComposeService {
  name: string;
  /** Where the service is declared (its key), in the file that declared it first. */
  file: string;
  line: number;
  /** `network_mode` after interpolation, with where it was written. */
  networkMode?: { value: string; file: string; line: number };
  /** Entries of `ports` (already parsed; entries that could not be resolved are left out, with a problem). */
  ports: PortEntry[];
  /** Entries of `expose` (container ports; they become host ports only under `network_mode: host`). */
  expose: PortEntry[];
  /** `ports` / `expose` carried `!override` or `!reset`: an override replaces rather than appends. */
  replacePorts?: boolean;
  replaceExpose?: boolean;
}

/** One `ports` or `expose` entry: the bindings it yields (a range yields several). */
export interface PortEntry {
  file: string;
  line: number;
  bindings: PortBinding[];
  /** For host networking: the container ports (target) of the entry, with the entry's line. */
  targets: { port: number; protocol: string; line: number }[];
}

export interface ComposeModel {
  /** The files merged into this model, in order. */
  files: string[];
  services: Map<string, ComposeService>;
  problems: ComposeProblem[];
}
