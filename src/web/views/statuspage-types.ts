import type { ComponentStatus, Impact, Stage } from '../../incidents/vocabulary';
import type { Indicator } from '../../status/derive';

/** Statuspage's public API v2 shapes, field for field. */

export interface StatuspageOptions {
  /** `ORG_NAME`. */
  orgName: string;
  /** `PUBLIC_BASE_URL`, without a trailing slash. */
  publicBaseUrl: string;
  /** `DISPLAY_TIMEZONE`. */
  timeZone: string;
  /** `updated_at` of a page that has nothing at all yet. */
  now: Date;
}

export interface StatuspagePage {
  id: string;
  name: string;
  url: string;
  time_zone: string;
  updated_at: string;
}

export interface StatuspageStatus {
  indicator: Indicator;
  description: string;
}

export interface StatuspageComponent {
  id: string;
  name: string;
  status: ComponentStatus;
  created_at: string;
  updated_at: string;
  position: number;
  description: string | null;
  showcase: boolean;
  start_date: null;
  group_id: string | null;
  page_id: string;
  group: boolean;
  only_show_if_degraded: false;
  /** Member ids; group components only. */
  components?: string[];
}

export interface StatuspageAffectedComponent {
  code: string;
  name: string;
  old_status: ComponentStatus;
  new_status: ComponentStatus;
}

export interface StatuspageIncidentUpdate {
  id: string;
  status: Stage;
  body: string;
  incident_id: string;
  created_at: string;
  updated_at: string;
  display_at: string;
  affected_components: StatuspageAffectedComponent[];
}

export interface StatuspageIncident {
  id: string;
  name: string;
  status: Stage;
  created_at: string;
  updated_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  impact: Impact;
  shortlink: string;
  started_at: string;
  page_id: string;
  incident_updates: StatuspageIncidentUpdate[];
  components: StatuspageComponent[];
}
