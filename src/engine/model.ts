// The scoring model's types: groups of rules, disqualifiers, decay, bands, grades, quadrants.
// This is the JSON form (schema/leadscore-model.schema.json); the rules sheet is a second, lossless form.

/** Fit = who the lead is (explicit data); intent = what the lead did (behaviour). */
export type GroupKind = 'fit' | 'intent';

/** A value tested by a condition, as written in the model. */
export type Scalar = string | number | boolean;

/**
 * A named test of one cell. Text comparisons are case-, space- and width-insensitive; numbers and
 * dates are normalised from messy imports first (see normalise.ts).
 */
export type Condition =
  | { op: 'equals'; value: Scalar }
  | { op: 'notEquals'; value: Scalar }
  | { op: 'isOneOf'; values: string[] }
  | { op: 'containsAny'; values: string[] }
  | { op: 'startsWith'; values: string[] }
  | { op: 'endsWith'; values: string[] }
  | { op: 'atLeast'; value: number }
  | { op: 'atMost'; value: number }
  | { op: 'between'; min: number; max: number }
  | { op: 'isBlank' }
  | { op: 'notBlank' }
  | { op: 'isTrue' }
  | { op: 'isFalse' }
  | { op: 'withinDays'; days: number }
  | { op: 'olderThanDays'; days: number }
  | { op: 'personalEmail' }
  | { op: 'emailDomainIn'; values: string[] };

export type ConditionOp = Condition['op'];

export interface Rule {
  /** Stable id, unique in the model; names the rule in errors and contributions. */
  id: string;
  /** Header name of the lead column (matched case- and space-insensitively, with synonyms). */
  column: string;
  condition: Condition;
  /** Fixed points when the condition holds; with `perUnit`, points per unit of the cell's number. */
  points: number;
  /** Points scale with the cell's numeric value ("+5 per pricing-page visit"). */
  perUnit?: boolean;
  /** With `perUnit`: the most points (in absolute value) the rule can give ("max 20"). */
  maxPoints?: number;
  /** Human label used in reasons: "Demo requested". */
  label: string;
  enabled: boolean;
}

export interface Group {
  id: string;
  name: string;
  kind: GroupKind;
  /** The group's total never exceeds this ("company criteria max 40"). */
  cap?: number;
  /** The group's total never falls below this. */
  floor?: number;
  rules: Rule[];
}

/** A condition that puts a lead in the disqualified band whatever its points. */
export interface Disqualifier {
  id: string;
  column: string;
  condition: Condition;
  /** Shown as the reason: "Do not contact (unsubscribed)". */
  reason: string;
  enabled: boolean;
}

/** Intent decays with the age of a date column (e.g. Last Activity Date). */
export type Decay =
  | {
      mode: 'steps';
      column: string;
      /** The largest `afterDays` not above the age applies (steps do not add up). `points` <= 0. */
      steps: { afterDays: number; points: number }[];
    }
  | { mode: 'halfLife'; column: string; halfLifeDays: number };

export interface BandStyle {
  name: string;
  /** Row colour, #rrggbb. */
  colour: string;
  /** Follow-up action / SLA text: "Call within 24 h". */
  action: string;
  /** Optional lifecycle stage: Lead, MQL, SQL... */
  stage?: string;
}

export interface Band extends BandStyle {
  /** Lowest score in this band; bands are ordered by `min`, the first band's min is the scale's min. */
  min: number;
}

export interface Grade {
  grade: string;
  /** Lowest fit score for this grade. */
  minFit: number;
}

export interface QuadrantSettings {
  /** Fit score at or above which a lead is "high fit". */
  fitThreshold: number;
  /** Intent score at or above which a lead is "high intent". */
  intentThreshold: number;
  labels: {
    highFitHighIntent: string;
    highFitLowIntent: string;
    lowFitHighIntent: string;
    lowFitLowIntent: string;
  };
}

/** Leads with too little fit data go to review instead of to sales. */
export interface MissingDataPolicy {
  /** Share (0..1) of the fit rules' columns that must be filled; below it the lead needs review. */
  minFitFilled: number;
  band: BandStyle;
}

export interface ScoringModel {
  schemaVersion: 1;
  name: string;
  description?: string;
  /** Overall clamp of the total score. */
  scale: { min: number; max: number };
  groups: Group[];
  disqualifiers: Disqualifier[];
  /** Band for disqualified leads (terminal: points are ignored). */
  disqualifiedBand: BandStyle;
  decay?: Decay;
  /** Ordered by ascending `min`. */
  bands: Band[];
  /** Optional letter grade from the fit score, ordered by descending `minFit`. */
  grades?: Grade[];
  quadrants?: QuadrantSettings;
  missingData?: MissingDataPolicy;
  /** Cell values that mean "missing" ("Select", "N/A", "-"...); compared case-insensitively. */
  missingTokens?: string[];
  /** Extra personal e-mail domains beside the built-in list. */
  personalDomains?: string[];
  /** Extra header synonyms: column name in rules -> other header names it may appear under. */
  columnSynonyms?: Record<string, string[]>;
}

/** What one rule added to one lead. */
export interface Contribution {
  ruleId: string;
  label: string;
  groupId: string;
  kind: GroupKind;
  /** Points the rule gave, before group caps. */
  points: number;
}

/** Everything the engine says about one lead row. */
export interface LeadResult {
  /** True for a blank row: every other field is empty and nothing should be written. */
  blank: boolean;
  score: number;
  fit: number;
  intent: number;
  /** Points decay removed from intent (<= 0). */
  decay: number;
  band: string;
  /** Band colour and action, for colouring rows and showing the follow-up. */
  colour: string;
  action: string;
  stage: string;
  grade: string;
  quadrant: string;
  /** Top contributions by absolute points: "+25 Demo requested · +15 VP title · -10 Personal email". */
  reasons: string;
  contributions: Contribution[];
  /** Set when a disqualifier matched: its id and reason. */
  disqualifiedBy: { id: string; reason: string } | null;
  /** Share (0..1) of the fit rules' columns that hold a value. */
  confidence: number;
  /** Row-level problems ("Employees: '12 people' is not a number"); the row is still scored. */
  problems: string[];
}
