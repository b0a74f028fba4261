// `gradlab bench`: runs the studies (a progress bar per study on a terminal), writes report.md,
// index.html, results.json and the charts, and ends with the summary table.
import { Command, Option } from 'commander';
import type { SingleBar } from 'cli-progress';
import { UsageError } from '../errors';
import type { StudyName } from '../harness/types';
import { toJson } from '../report/json';
import { splitTopLevel } from './options';
import { session, write } from './session';

interface BenchFlags {
  quick?: boolean;
  only?: string;
  out: string;
  json?: boolean;
}

/** `accuracy,cost` → the studies named, in the order given; an unknown name is a usage error. */
export function parseStudies(list: string | undefined, STUDIES: readonly StudyName[]): StudyName[] {
  if (list === undefined) return [...STUDIES];
  if (list.split(',').every((s) => s.trim() === '')) throw new UsageError(`--only expects study names separated by commas: ${STUDIES.join(', ')}`);
  const names = splitTopLevel(list, '--only');
  for (const name of names) {
    if (!STUDIES.includes(name as StudyName)) throw new UsageError(`--only: no study '${name}'; the studies are ${STUDIES.join(', ')}`);
  }
  return [...new Set(names as StudyName[])];
}

/** Progress on stderr: bars on a terminal, a line per finished study otherwise, nothing with --json. */
async function progress(json: boolean, studies: readonly StudyName[]): Promise<{ onProgress: (study: string, done: number, total: number) => void; stop: () => void }> {
  if (json) return { onProgress: () => {}, stop: () => {} };
  if (!process.stderr.isTTY) {
    const finished = new Set<string>();
    return {
      onProgress: (study, done, total) => {
        if (done < total || finished.has(study)) return;
        finished.add(study);
        process.stderr.write(`${study}: done\n`);
      },
      stop: () => {},
    };
  }
  const { default: cliProgress } = await import('cli-progress');
  const multi = new cliProgress.MultiBar(
    { format: '{study} {bar} {value}/{total}', hideCursor: true, stream: process.stderr, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, SingleBar>();
  const width = Math.max(...studies.map((s) => s.length));
  return {
    onProgress: (study, done, total) => {
      let bar = bars.get(study);
      if (!bar) {
        bar = multi.create(total, 0, { study: study.padEnd(width) });
        bars.set(study, bar);
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop: () => multi.stop(),
  };
}

export function addBenchCommand(cli: Command): void {
  const onlyOption = new Option('--only <studies>', 'comma-separated study names');
  // The studies are named by their registry, which brings their code: it is read only when
  // `bench` is what runs, and its names join the option's help then.
  const command = cli.command('bench');
  cli.hook('preSubcommand', async (_, sub) => {
    if (sub === command) onlyOption.description = `comma-separated, from: ${(await import('../harness/types')).STUDIES.join(', ')}`;
  });
  command
    .description('run the studies and write the report: report.md, index.html, results.json and SVG charts')
    .option('--quick', 'fewer points, sizes and repetitions: about a minute instead of many')
    .addOption(onlyOption)
    .option('--out <dir>', 'where the report goes', 'report')
    .option('--json', 'print results.json to standard output instead of the summary (files only with an explicit --out)')
    .addHelpText('after', `
Examples:
  gradlab bench --quick                 every study, quickly, into report/
  gradlab bench --only accuracy,cost --out runs/today
  gradlab bench --quick --only swell --json > swell.json`)
    .action(async (o: BenchFlags, cmd: Command) => {
      session.json = !!o.json;
      const { STUDIES } = await import('../harness/types');
      const only = parseStudies(o.only, STUDIES);
      // The report's charts need the optional peers vega and vega-lite: say so before the studies run, not after.
      const writeFiles = !o.json || cmd.getOptionValueSource('out') === 'cli';
      if (writeFiles) await (await import('../report/charts')).loadCharts();
      // Loaded here, not at start-up: the studies bring the peers (mathjs, TF.js) with them.
      const { runStudies } = await import('../harness/run');
      const { writeReport } = await import('../harness/report');
      const { summaryTable } = await import('../harness/render');
      const bars = await progress(!!o.json, STUDIES);
      let results;
      try {
        results = await runStudies(only, { quick: !!o.quick, onProgress: bars.onProgress });
      } finally {
        bars.stop();
      }
      const paths = writeFiles ? await writeReport(results, o.out) : undefined;
      if (o.json) {
        write(toJson(results));
        return;
      }
      write(
        [
          `wrote ${paths!.report}, ${paths!.json} and ${paths!.html}${paths!.charts.length ? `, with ${paths!.charts.length} chart${paths!.charts.length > 1 ? 's' : ''} (${paths!.charts.join(', ')})` : ''}`,
          `open ${paths!.html} in a browser to read the report`,
          '',
          summaryTable(results),
        ].join('\n'),
      );
    });
}
