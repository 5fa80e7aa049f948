using System.CommandLine;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>
/// qedge completion bash|zsh: prints a shell function that asks qedge itself for completions
/// through System.CommandLine's [suggest:POSITION] directive (the protocol dotnet-suggest uses),
/// so the completions always match the installed tool's commands and options.
/// </summary>
public static class CompletionCommand
{
    public const string Bash = """
        # qedge completion for bash: eval "$(qedge completion bash)" (or save it in /etc/bash_completion.d/qedge)
        _qedge_complete()
        {
            local IFS=$'\n'
            COMPREPLY=( $(qedge "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null) )
        }
        complete -o default -F _qedge_complete qedge
        """;

    public const string Zsh = """
        # qedge completion for zsh: eval "$(qedge completion zsh)" in ~/.zshrc
        _qedge_zsh_complete()
        {
            local completions=("$(qedge "[suggest:${CURSOR}]" "${BUFFER}" 2>/dev/null)")
            reply=( "${(ps:\n:)completions}" )
        }
        compctl -K _qedge_zsh_complete qedge
        """;

    public static Command Build(Texts t)
    {
        var completion = t.Command("completion", "print a shell completion script (bash or zsh) that completes qedge's commands and options",
            "输出 shell 补全脚本（bash 或 zsh），补全 qedge 的命令和选项",
            "eval \"$(qedge completion bash)\"", "qedge completion zsh >> ~/.zshrc");
        completion.Add(Script(t, "bash", Bash, "eval \"$(qedge completion bash)\""));
        completion.Add(Script(t, "zsh", Zsh, "eval \"$(qedge completion zsh)\""));
        return completion;
    }

    private static Command Script(Texts t, string shell, string script, string example)
    {
        var c = t.Command(shell, $"print the {shell} completion script", $"输出 {shell} 补全脚本", example);
        c.SetAction(p =>
        {
            p.InvocationConfiguration.Output.WriteLine(script);
            return CommandLine.ExitOk;
        });
        return c;
    }
}
