/** Closed vocabularies of SPEC §2. Order is meaningful: severity rises along each tuple. */

export const impacts = ['none', 'minor', 'major', 'critical'] as const;
export type Impact = (typeof impacts)[number];

export const stages = ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'] as const;
export type Stage = (typeof stages)[number];

/** Who an incident is for (SPEC §10): only public incidents reach public surfaces. */
export const visibilities = ['public', 'internal', 'private'] as const;
export type Visibility = (typeof visibilities)[number];

/** What an update may switch a non-private incident to: private stays private, and nothing becomes it. */
export const updateVisibilities = ['public', 'internal'] as const satisfies readonly Visibility[];
export type UpdateVisibility = (typeof updateVisibilities)[number];

export const visibilityLabels: Record<Visibility, string> = {
  public: 'Public: on the status page and to subscribers',
  internal: 'Internal: in Slack only',
  private: 'Private: a private channel, its members and managers only',
};

export const openStages = ['investigating', 'identified', 'monitoring'] as const;
export type OpenStage = (typeof openStages)[number];

export const componentStatuses = [
  'operational',
  'under_maintenance',
  'degraded_performance',
  'partial_outage',
  'major_outage',
] as const;
export type ComponentStatus = (typeof componentStatuses)[number];

/** The non-operational statuses offered on the declare form, in the order SPEC §5.2 lists them. */
export const incidentComponentStatuses = [
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
] as const satisfies readonly ComponentStatus[];

export function isOpenStage(stage: Stage): stage is OpenStage {
  return (openStages as readonly string[]).includes(stage);
}

/** Default status for newly affected components, following impact (SPEC §2). */
export function defaultComponentStatus(impact: Impact): ComponentStatus {
  switch (impact) {
    case 'none':
      return 'operational';
    case 'minor':
      return 'degraded_performance';
    case 'major':
      return 'partial_outage';
    case 'critical':
      return 'major_outage';
  }
}

const componentSeverity: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

/** The worse of two component statuses (used to combine several open incidents). */
export function worseStatus(a: ComponentStatus, b: ComponentStatus): ComponentStatus {
  return componentSeverity[a] >= componentSeverity[b] ? a : b;
}

export const stageLabels: Record<Stage, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  postmortem: 'Postmortem',
};

export const impactLabels: Record<Impact, string> = {
  none: 'None',
  minor: 'Minor',
  major: 'Major',
  critical: 'Critical',
};

export const componentStatusLabels: Record<ComponentStatus, string> = {
  operational: 'Operational',
  under_maintenance: 'Under maintenance',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
};
