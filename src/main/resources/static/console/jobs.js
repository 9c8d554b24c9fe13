// Jobs: every job the API lists with its schedule and last run; one job's run-now form and
// executions; one execution with its steps and controls. Redrawn on live events.
import { el, clear, ist, duration, statusBadge, message } from './dom.js';
import { api, navigate, onExecution } from './app.js';

const HINTS = {
  businessDate: 'yyyy-MM-dd',
  from: 'yyyy-MM-dd',
  to: 'yyyy-MM-dd',
  minute: 'yyyy-MM-ddTHH:mm (IST)',
  runAt: 'yyyy-MM-ddTHH:mm (IST)',
  universe: 'FNO, NIFTY50',
  symbols: 'RELIANCE,TCS',
};

const ACTIVE = ['STARTING', 'STARTED', 'STOPPING'];

/** Calls render again at most every 300 ms, however many events arrive. */
function debounced(render) {
  let timer = null;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(render, 300);
  };
}

export async function renderJobs(view) {
  view.append(el('h1', { text: 'Jobs' }));
  const holder = el('div', { id: 'jobs' });
  const note = el('div', { id: 'jobs-message' });
  view.append(note, holder);
  const draw = async () => {
    const jobs = await api('GET', '/api/jobs');
    clear(holder).append(jobsTable(jobs, note, draw));
  };
  await draw();
  onExecution(debounced(() => draw().catch(() => {})));
}

function jobsTable(jobs, note, redraw) {
  const body = el('tbody');
  for (const job of jobs) {
    const schedule = job.schedule;
    const last = job.lastExecution;
    const toggle = schedule
      ? el('button', {
        type: 'button',
        class: 'small',
        'data-action': schedule.paused ? 'resume' : 'pause',
        onclick: async () => {
          clear(note);
          try {
            await api('POST', `/api/schedules/${encodeURIComponent(job.name)}/${schedule.paused ? 'resume' : 'pause'}`);
            await redraw();
          } catch (e) {
            note.append(message('error', e.message));
          }
        },
      }, schedule.paused ? 'Resume' : 'Pause')
      : null;
    body.append(el('tr', { 'data-job': job.name },
      el('td', {}, el('a', { href: '/jobs/' + encodeURIComponent(job.name) }, job.name)),
      el('td', { class: 'mono' }, schedule ? schedule.cron : 'follows another job'),
      el('td', {}, schedule ? ist(schedule.nextFireTime) : ''),
      el('td', { class: 'paused' }, schedule ? (schedule.paused ? 'paused' : 'no') : ''),
      el('td', {}, last ? el('a', { href: '/executions/' + last.id }, '#' + last.id + ' ' + ist(last.started || last.created)) : ''),
      el('td', {}, statusBadge(last ? last.status : null)),
      el('td', { class: 'actions' }, toggle,
        el('a', { class: 'button small', href: '/jobs/' + encodeURIComponent(job.name) + '#run' }, 'Run now…'))));
  }
  return el('table', { class: 'grid', id: 'jobs-table' },
    el('thead', {}, el('tr', {}, ['Job', 'Schedule (IST)', 'Next fire', 'Paused', 'Last run', 'Status', ''].map((h) => el('th', { text: h })))),
    body);
}

export async function renderJob(view, name, query) {
  const jobs = await api('GET', '/api/jobs');
  const job = jobs.find((j) => j.name === name);
  if (!job) {
    view.append(message('error', `no job named '${name}': the jobs are ${jobs.map((j) => j.name).join(', ')}`));
    return;
  }
  view.append(el('h1', { text: name }), el('p', {}, el('a', { href: '/jobs' }, '← all jobs')));
  view.append(runForm(job, query));
  const holder = el('div', { id: 'executions' });
  view.append(el('h2', { text: 'Executions' }), holder);
  const draw = async () => {
    const executions = await api('GET', `/api/jobs/${encodeURIComponent(name)}/executions?limit=25`);
    clear(holder).append(executionsTable(executions));
  };
  await draw();
  onExecution(debounced(() => draw().catch(() => {})));
}

function runForm(job, query) {
  const outcome = el('div', { id: 'run-outcome' });
  const fields = job.parameters.map((parameter) => el('label', {},
    el('span', { text: parameter }),
    el('input', { name: parameter, id: 'run-' + parameter, placeholder: HINTS[parameter] || '', value: query.get(parameter) || '' })));
  const rerun = el('input', { type: 'checkbox', name: 'rerun', id: 'run-rerun' });
  const form = el('form', { id: 'run', class: 'run' },
    el('fieldset', {},
      el('legend', { text: 'Run now' }),
      el('p', { class: 'hint', text: 'Empty fields take the job\'s defaults; the service checks every value and says what is wrong.' }),
      fields,
      el('label', { class: 'check' }, rerun, el('span', { text: 'run again even if these parameters completed' })),
      el('button', { type: 'submit', id: 'run-submit' }, 'Launch ' + job.name)),
    outcome);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(outcome);
    const body = {};
    for (const input of form.querySelectorAll('input[name]')) {
      if (input.type === 'checkbox') {
        if (input.checked) body[input.name] = true;
      } else if (input.value.trim() !== '') {
        body[input.name] = input.value.trim();
      }
    }
    try {
      const launched = await api('POST', `/api/jobs/${encodeURIComponent(job.name)}/executions`, body);
      outcome.append(message('ok', `execution #${launched.id}: ${launched.outcome} (${launched.status})`, 'run-launched'));
      navigate('/executions/' + launched.id);
    } catch (e) {
      outcome.append(message('error', e.message, 'run-error'));
    }
  });
  return form;
}

function executionsTable(executions) {
  if (executions.length === 0) return el('p', { class: 'hint', text: 'No executions yet.' });
  const body = el('tbody');
  for (const execution of executions) {
    const read = execution.steps.reduce((sum, s) => sum + s.read, 0);
    const written = execution.steps.reduce((sum, s) => sum + s.written, 0);
    body.append(el('tr', { 'data-execution': execution.id },
      el('td', {}, el('a', { href: '/executions/' + execution.id }, '#' + execution.id)),
      el('td', {}, statusBadge(execution.status)),
      el('td', {}, ist(execution.started || execution.created)),
      el('td', {}, duration(execution.started, execution.ended)),
      el('td', { class: 'num' }, read),
      el('td', { class: 'num' }, written),
      el('td', { class: 'mono' }, parameters(execution.parameters)),
      el('td', { class: 'exit' }, execution.exitDescription || execution.exitCode)));
  }
  return el('table', { class: 'grid', id: 'executions-table' },
    el('thead', {}, el('tr', {}, ['Id', 'Status', 'Started (IST)', 'Took', 'Read', 'Written', 'Parameters', 'Exit'].map((h) => el('th', { text: h })))),
    body);
}

function parameters(map) {
  return Object.entries(map).filter(([k]) => k !== 'rerun').map(([k, v]) => `${k}=${v}`).join(' ');
}

export async function renderExecution(view, id) {
  const heading = el('h1', { text: 'Execution #' + id });
  const controls = el('div', { class: 'actions', id: 'execution-controls' });
  const note = el('div', { id: 'execution-message' });
  const holder = el('div', { id: 'execution' });
  view.append(heading, controls, note, holder);
  const draw = async () => {
    const execution = await api('GET', '/api/executions/' + id);
    heading.textContent = `${execution.job} #${execution.id}`;
    clear(holder).append(...executionDetails(execution));
    clear(controls).append(...controlButtons(execution, note, draw));
  };
  await draw();
  onExecution(debounced(() => draw().catch(() => {})));
}

function controlButtons(execution, note, redraw) {
  const buttons = [el('a', { class: 'button small', href: '/jobs/' + encodeURIComponent(execution.job) }, 'All ' + execution.job + ' runs')];
  const act = (action, label) => el('button', {
    type: 'button',
    class: 'small',
    'data-action': action,
    onclick: async () => {
      clear(note);
      try {
        const answer = await api('POST', `/api/executions/${execution.id}/${action}`);
        if (action === 'restart') navigate('/executions/' + answer.id);
        else await redraw();
      } catch (e) {
        note.append(message('error', e.message, 'execution-error'));
      }
    },
  }, label);
  if (ACTIVE.includes(execution.status)) buttons.push(act('stop', 'Stop'));
  if (execution.status === 'FAILED' || execution.status === 'STOPPED') buttons.push(act('restart', 'Restart'), act('abandon', 'Abandon'));
  return buttons;
}

function executionDetails(execution) {
  const rows = [
    ['Status', statusBadge(execution.status, 'execution-status')],
    ['Exit', el('span', { class: 'exit', id: 'execution-exit' }, execution.exitCode + (execution.exitDescription ? ': ' + execution.exitDescription : ''))],
    ['Parameters', el('span', { class: 'mono' }, parameters(execution.parameters))],
    ['Instance', String(execution.instanceId)],
    ['Created', ist(execution.created)],
    ['Started', ist(execution.started)],
    ['Ended', ist(execution.ended)],
    ['Took', duration(execution.started, execution.ended)],
  ];
  const list = el('dl', { class: 'details' }, rows.map(([k, v]) => [el('dt', { text: k }), el('dd', {}, v)]));
  const steps = el('tbody');
  for (const step of execution.steps) {
    steps.append(el('tr', { 'data-step': step.name },
      el('td', { text: step.name }),
      el('td', {}, statusBadge(step.status)),
      ...[step.read, step.written, step.filtered, step.skipped, step.commits, step.rollbacks].map((n) => el('td', { class: 'num', text: n })),
      el('td', {}, duration(step.started, step.ended)),
      el('td', { text: step.exitCode })));
  }
  return [list, el('h2', { text: 'Steps' }), el('table', { class: 'grid', id: 'steps-table' },
    el('thead', {}, el('tr', {}, ['Step', 'Status', 'Read', 'Written', 'Filtered', 'Skipped', 'Commits', 'Rollbacks', 'Took', 'Exit'].map((h) => el('th', { text: h })))),
    steps)];
}
