/**
 * The engine's Web Worker: reads and writes .xlsx bytes, detects the mapping, runs the
 * analyses, and posts progress back to the pane (which never blocks while this works).
 */
import { createEngineCore } from "./engineCore";
import { exposeEngine } from "./engineRemote";

exposeEngine(createEngineCore());
