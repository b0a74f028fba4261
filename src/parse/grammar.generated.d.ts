// Types for the parser tables that nearleyc writes to grammar.generated.js from grammar/gradlab.ne.
import type { CompiledRules } from 'nearley';

declare const grammar: CompiledRules;
export default grammar;
