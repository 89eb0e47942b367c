import type { MetricsSources } from '../metrics/metrics';
import type { PrismaClient } from './generated/client';

/** The gauges' queries: grouped counts on indexed columns, cheap at every scrape. */
export class PrismaMetricsSource implements MetricsSources {
  constructor(private readonly prisma: PrismaClient) {}

  async outboxBacklog() {
    const groups = await this.prisma.outboxJob.groupBy({
      by: ['kind'],
      where: { status: { in: ['pending', 'running'] } },
      _count: { _all: true },
      _min: { createdAt: true },
    });
    return groups.map((group) => ({
      kind: group.kind,
      jobs: group._count._all,
      oldestCreatedAt: group._min.createdAt ?? new Date(),
    }));
  }

  async openIncidents() {
    const groups = await this.prisma.incident.groupBy({
      by: ['impact', 'visibility'],
      where: { resolvedAt: null },
      _count: { _all: true },
    });
    return groups.map((group) => ({
      impact: group.impact,
      visibility: group.visibility,
      count: group._count._all,
    }));
  }
}
