// A report's sections, one per study present in the results, in the order of STUDIES.
import type { Results, StudyName } from '../types';
import { accuracySection, hardPointsSection, stabilitySection } from './accuracy';
import { studiesRun, type Section } from './model';
import { costSection, peersSection, swellSection, trainingSection } from './speed';

const BUILD: Readonly<Record<StudyName, (r: Results) => Section>> = {
  accuracy: (r) => accuracySection(r.accuracy ?? []),
  stability: (r) => stabilitySection(r.stability ?? []),
  'hard-points': (r) => hardPointsSection(r.hardPoints ?? []),
  cost: (r) => costSection(r.cost ?? [], r.peers ?? []),
  swell: (r) => swellSection(r.swell ?? []),
  training: (r) => trainingSection(r.training ?? [], r.trainingCurves ?? [], r.peers ?? []),
  peers: (r) => peersSection(r.peers ?? []),
};

export function sections(results: Results): Section[] {
  return studiesRun(results).map((s) => BUILD[s](results));
}
