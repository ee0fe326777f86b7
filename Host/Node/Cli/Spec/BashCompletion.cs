using System.Text;

namespace DistSys.Host.Cli.Spec;

/// <summary>
/// <c>completion bash</c>: a <c>complete -F</c> script drawn from <see cref="CommandCatalog"/>, completing the
/// commands, each command's subcommands and options, and an option's value (a level, a file, a directory).
/// </summary>
internal static class BashCompletion
{
    public const string Function = "_distributed_system";

    public static string Script { get; } = Draw();

    private static string Draw()
    {
        var root = CommandCatalog.Root;
        var options = CommandCatalog.All().SelectMany(c => c.Spec.Options).Where(o => o.TakesValue)
            .GroupBy(o => o.Name, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var words = root.Subcommands.Where(c => c.IsWord).Select(c => c.Name).ToList();
        var s = new StringBuilder();
        s.Append($$"""
            # bash completion for {{CommandCatalog.Program}}: source <({{CommandCatalog.Program}} completion bash)
            {{Function}}() {
                local cur prev cmd sub opts i w
                local -a words=()
                cur="${COMP_WORDS[COMP_CWORD]}"
                prev=""
                if (( COMP_CWORD > 0 )); then prev="${COMP_WORDS[COMP_CWORD-1]}"; fi
                # Bash splits "--name=value" and "HOST:PORT" at = and : (COMP_WORDBREAKS): the option is the word before the "=".
                if [[ "$prev" == "=" ]] && (( COMP_CWORD > 1 )); then prev="${COMP_WORDS[COMP_CWORD-2]}"; fi
                COMPREPLY=()

                # The value of the option before the cursor.
                case "$prev" in

            """);
        foreach (var option in options.Where(o => o.Choices.Count > 0))
        {
            s.Append($"        {option.Name}) COMPREPLY=($(compgen -W \"{string.Join(' ', option.Choices)}\" -- \"$cur\")); return 0 ;;\n");
        }

        Case(s, options.Where(o => o.Choices.Count == 0 && o.Kind == ValueKind.File), "COMPREPLY=($(compgen -f -- \"$cur\")); return 0");
        Case(s, options.Where(o => o.Choices.Count == 0 && o.Kind == ValueKind.Directory), "COMPREPLY=($(compgen -d -- \"$cur\")); return 0");
        Case(s, options.Where(o => o.Choices.Count == 0 && o.Kind == ValueKind.Text), "return 0");
        s.Append($$"""
                esac

                # The words before the cursor that are no option nor an option's value.
                for (( i = 1; i < COMP_CWORD; i++ )); do
                    w="${COMP_WORDS[i]}"
                    case "$w" in
                        --*=*) ;;
                        {{string.Join('|', options.Select(o => o.Name))}}) if [[ "${COMP_WORDS[i+1]-}" == "=" ]]; then (( i += 2 )); else (( i++ )); fi ;;
                        =) (( i++ )) ;;
                        -*) ;;
                        *) words+=("$w") ;;
                    esac
                done

                cmd="${words[0]-}"
                case "$cmd" in
                    ""|{{string.Join('|', words)}}) ;;
                    *) cmd=worker ;;
                esac
                sub=""
                for w in "${words[@]:1}"; do
                    case "$cmd $w" in

            """);
        var pairs = CommandCatalog.All().Where(c => c.Path.Contains(' ', StringComparison.Ordinal)).Select(c => $"\"{c.Path}\"").ToList();
        s.Append($"                {string.Join('|', pairs)}) sub=\"$w\"; break ;;\n");
        s.Append("""
                    esac
                done

                if [[ "$cur" == -* ]]; then
                    case "$cmd $sub" in

            """);
        s.Append($"            \" \") opts=\"{Names(root.Options.Concat(NodeSpecs.Options))}\" ;;\n");
        foreach (var (path, spec) in CommandCatalog.All())
        {
            var key = path.Contains(' ', StringComparison.Ordinal) ? path : path + " ";
            s.Append($"            \"{key}\") opts=\"{Names(spec.Options.Concat(CommandCatalog.HelpOptions))}\" ;;\n");
        }

        s.Append("""
                        *) opts="" ;;
                    esac
                    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
                    return 0
                fi

                # A command's own arguments that name a path.
                case "$cmd $sub" in

            """);
        foreach (var (path, spec) in CommandCatalog.All().Where(c => c.Spec.Arguments != ValueKind.Text))
        {
            var key = path.Contains(' ', StringComparison.Ordinal) ? path : path + " ";
            s.Append($"            \"{key}\") COMPREPLY=($(compgen {(spec.Arguments == ValueKind.File ? "-f" : "-d")} -- \"$cur\")); return 0 ;;\n");
        }

        s.Append("""
                esac

                case "$cmd" in

            """);
        s.Append($"        \"\") COMPREPLY=($(compgen -W \"{string.Join(' ', words)}\" -- \"$cur\")) ;;\n");
        s.Append("""
                    help)
                        if (( ${#words[@]} == 1 )); then

            """);
        s.Append($"                COMPREPLY=($(compgen -W \"{string.Join(' ', words.Where(w => w != ToolSpecs.Help.Name))}\" -- \"$cur\"))\n");
        s.Append("""
                        elif (( ${#words[@]} == 2 )); then
                            case "${words[1]}" in

            """);
        foreach (var command in root.Subcommands.Where(c => c.Subcommands.Count > 0))
        {
            s.Append($"                    {command.Name}) COMPREPLY=($(compgen -W \"{SubNames(command)}\" -- \"$cur\")) ;;\n");
        }

        s.Append("""
                            esac
                        fi
                        ;;

            """);
        foreach (var command in root.Subcommands.Where(c => c.Subcommands.Count > 0))
        {
            s.Append($"        {command.Name}) if [[ -z \"$sub\" ]]; then COMPREPLY=($(compgen -W \"{SubNames(command)}\" -- \"$cur\")); fi ;;\n");
        }

        s.Append($$"""
                esac
                return 0
            }
            complete -F {{Function}} {{CommandCatalog.Program}} ./bin/{{CommandCatalog.Program}} bin/{{CommandCatalog.Program}}

            """);
        return s.ToString();
    }

    private static void Case(StringBuilder s, IEnumerable<OptionSpec> options, string action)
    {
        var names = options.Select(o => o.Name).ToList();
        if (names.Count > 0)
        {
            s.Append($"        {string.Join('|', names)}) {action} ;;\n");
        }
    }

    private static string Names(IEnumerable<OptionSpec> options) => string.Join(' ', options.Select(o => o.Name).Distinct(StringComparer.Ordinal));

    private static string SubNames(CommandSpec command) => string.Join(' ', command.Subcommands.Select(c => c.Name));
}
