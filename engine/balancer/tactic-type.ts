/** Load-balancing tactics by their gateway values (0 round_robin and 2 hybrid are retired). */
export const TacticType = {
  /** Stay on a service until its window tokens reach a threshold. */
  TokenBased: 1,
  /** Weighted random. */
  Random: 3,
  /** Stay on a service while its latency is under a threshold. */
  LatencyBased: 4,
  /** Fastest token generation. */
  SpeedBased: 5,
  /** Composite score of latency, tokens, speed and health. */
  Adaptive: 6,
  /** Weighted random by model capacity. */
  CapacityBased: 7,
} as const;
/** A tactic's gateway value. Values read from JSON integers are taken as they are, so other numbers can occur. */
export type TacticType = (typeof TacticType)[keyof typeof TacticType];

const NAMES: ReadonlyMap<number, string> = new Map([
  [TacticType.TokenBased, 'token_based'],
  [TacticType.Random, 'random'],
  [TacticType.LatencyBased, 'latency_based'],
  [TacticType.SpeedBased, 'speed_based'],
  [TacticType.Adaptive, 'adaptive'],
  [TacticType.CapacityBased, 'capacity_based'],
]);

const PARSE: ReadonlyMap<string, TacticType> = new Map<string, TacticType>([
  ['round_robin', TacticType.TokenBased],
  ['token_based', TacticType.TokenBased],
  ['hybrid', TacticType.TokenBased],
  ['random', TacticType.Random],
  ['latency_based', TacticType.LatencyBased],
  ['speed_based', TacticType.SpeedBased],
  ['adaptive', TacticType.Adaptive],
  ['capacity_based', TacticType.CapacityBased],
]);

/** Every tactic in value order. */
export const ALL_TACTIC_TYPES: readonly TacticType[] = [...NAMES.keys()] as TacticType[];

/** The tactic's name; any value without a tactic prints `token_based`, as in the original. */
export function tacticTypeToString(type: number): string {
  return NAMES.get(type) ?? 'token_based';
}

/**
 * Parses a tactic name, exactly and case-sensitively. The retired `round_robin` and `hybrid` map
 * to token_based; anything else (empty, upper case, unknown) gives adaptive, as in the original.
 */
export function parseTacticType(name: string): TacticType {
  return PARSE.get(name) ?? TacticType.Adaptive;
}

/** True when `name` is one of the names parseTacticType knows (so it does not fall back to adaptive). */
export function isTacticName(name: string): boolean {
  return PARSE.has(name);
}

/** The JSON text of a tactic type: its name as a JSON string. */
export function tacticTypeToJSON(type: number): string {
  return JSON.stringify(tacticTypeToString(type));
}

/**
 * Reads a tactic type from JSON text as the original does: a string is parsed by name, null gives
 * adaptive, an integer is taken as it is. Anything else throws a TypeError.
 */
export function tacticTypeFromJSON(json: string): TacticType {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new TypeError(`tactic type: invalid JSON ${JSON.stringify(json)}: ${(error as Error).message}`, { cause: error });
  }
  return tacticTypeFromValue(value);
}

/** The same rules as tacticTypeFromJSON, for a value JSON.parse has already produced. */
export function tacticTypeFromValue(value: unknown): TacticType {
  if (value === null) return TacticType.Adaptive;
  if (typeof value === 'string') return parseTacticType(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value as TacticType;
  throw new TypeError(`tactic type must be a string, an integer or null, got ${JSON.stringify(value)}`);
}
