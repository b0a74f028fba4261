import { trainingSuite } from './training';
await trainingSuite(false);
