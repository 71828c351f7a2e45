/** Process entry of the `tierplan` command. */
import { envLang, main } from "./main";

main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s + "\n"),
  stderr: (s) => process.stderr.write(s + "\n"),
  lang: envLang(),
}).then((code) => {
  process.exitCode = code;
});
