import type { Job } from '@@/shared/capture';

export function JobCard({ job }: { job: Job }) {
  return (
    <div className="card subtle stack tight" data-testid="job-card" style={{ gap: 2 }}>
      <div style={{ fontWeight: 600 }}>
        <a href={job.url} target="_blank" rel="noreferrer" style={{ color: 'inherit' }}>
          {job.title}
        </a>
      </div>
      <div className="small muted">
        {[job.company, job.location].filter(Boolean).join(' · ') || 'Company not shown'}
      </div>
    </div>
  );
}
