using System.Globalization;
using System.Text;

namespace Detektr.Sigma.Benchmarks;

/// <summary>Writes varied, realistic Linux rules (every modifier family the engine supports) from an index.</summary>
internal static class RuleGenerator
{
    private static readonly string[] Tools =
        ["curl", "wget", "nc", "ncat", "socat", "python3", "perl", "php", "ruby", "busybox", "chmod", "chattr", "crontab",
         "useradd", "usermod", "passwd", "ssh-keygen", "base64", "xxd", "openssl", "tar", "find", "awk", "sed", "dd"];

    private static readonly string[] Words =
        ["/dev/tcp/", "authorized_keys", "ld.so.preload", "/etc/shadow", "HISTFILE", "LD_PRELOAD", "--checkpoint-action",
         "-exec", "/tmp/.x", "pty.spawn", "0>&1", "mkfifo", "/etc/cron.d/", ".bashrc", "nohup", "disown", "setuid"];

    private static readonly string[] EventTypes = ["process_creation", "file_event", "network_connection", "dns_query", "file_delete"];

    public static string Rule(int index, bool processOnly)
    {
        string tool = Tools[index % Tools.Length];
        string word = Words[index % Words.Length];
        string other = Words[(index * 7 + 3) % Words.Length];
        string category = processOnly ? "process_creation" : EventTypes[index % EventTypes.Length];
        string detection = category switch
        {
            "process_creation" => ProcessDetection(index, processOnly ? index : index / EventTypes.Length, tool, word, other),
            "network_connection" => $"""
                    selection:
                        Image|endswith: '/{tool}'
                        DestinationPort:
                            - {4000 + (index % 100)}
                            - 1337
                    filter:
                        DestinationIp|cidr:
                            - '127.0.0.0/8'
                            - '10.{index % 250}.0.0/16'
                    condition: selection and not filter
                """,
            "dns_query" => $"""
                    selection:
                        QueryName|endswith:
                            - '.{tool}{index}.example'
                            - '.tunnel{index}.example'
                    condition: selection
                """,
            _ => $"""
                    selection:
                        TargetFilename|contains: '{word}'
                        Image|endswith: '/{tool}'
                    condition: selection
                """,
        };

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"title: Generated Rule {index} ({tool})\n");
        text.Append(CultureInfo.InvariantCulture, $"id: {new Guid(index, 0x5ea7, 0x4a11, 0x80, 0, 0, 0, 0, 0, 0, (byte)(index % 256))}\n");
        text.Append("status: test\n");
        text.Append(CultureInfo.InvariantCulture, $"description: Generated benchmark rule number {index}.\n");
        text.Append("tags:\n    - attack.execution\n");
        text.Append(CultureInfo.InvariantCulture, $"    - attack.t{1000 + (index % 600)}\n");
        text.Append(CultureInfo.InvariantCulture, $"logsource:\n    product: linux\n    category: {category}\n");
        text.Append("detection:\n");
        text.Append(detection.TrimEnd()).Append('\n');
        text.Append("falsepositives:\n    - Benchmarks\n");
        text.Append(CultureInfo.InvariantCulture, $"level: {(index % 3) switch { 0 => "low", 1 => "medium", _ => "high" }}\n");
        return text.ToString();
    }

    private static string ProcessDetection(int index, int variant, string tool, string word, string other) => (variant % 10) switch
    {
        0 => $"""
                selection:
                    Image|endswith:
                        - '/{tool}'
                        - '/{tool}{index}'
                        - '/x{tool}'
                        - '/{tool}.bin'
                        - '/.{tool}'
                condition: selection
            """,
        1 => $"""
                selection:
                    Image|endswith: '/{tool}'
                    CommandLine|contains|all:
                        - '{word}'
                        - '{other}'
                condition: selection
            """,
        2 => $"""
                selection:
                    CommandLine|contains:
                        - '{word}'
                        - '{other}'
                        - ' {tool} -{index % 10}'
                        - 'marker{index}'
                        - '{tool}://'
                        - '| {tool}'
                filter:
                    ParentImage|startswith:
                        - '/usr/lib/'
                        - '/opt/agent{index}/'
                condition: selection and not filter
            """,
        3 => $"""
                selection:
                    CommandLine|re: '{tool.Replace(".", "\\.", StringComparison.Ordinal)}\s+.*-[a-z]*o\s+/tmp/[a-z0-9]{index % 5 + 1},'
                condition: selection
            """,
        4 => $"""
                selection:
                    CommandLine|base64offset|contains:
                        - '{word}'
                        - 'sh -i{index}'
                condition: selection
            """,
        5 => $"""
                selection:
                    Image|endswith: '/{tool}'
                    CommandLine|windash|contains:
                        - ' -e{index % 10} '
                        - ' -x '
                condition: selection
            """,
        6 => $"""
                selection_image:
                    Image|endswith: '/{tool}'
                selection_parent:
                    ParentImage|endswith:
                        - '/httpd'
                        - '/nginx'
                        - '/php-fpm{index}'
                selection_cmd:
                    CommandLine|contains: '{word}'
                filter_dir:
                    CurrentDirectory|startswith: '/home/build{index}'
                condition: 1 of selection_* and not filter_dir
            """,
        7 => $"""
                selection:
                    User: root
                    CurrentDirectory|startswith:
                        - '/tmp/'
                        - '/dev/shm/'
                    Image|endswith: '/{tool}'
                condition: selection
            """,
        8 => $"""
                selection:
                    CommandLine:
                        - '*{tool} *{word}?*'
                        - '{tool}* -o /tmp/?{index}*'
                condition: selection
            """,
        _ => $"""
                selection:
                    ParentImage|endswith: '/{tool}'
                    ParentProcessId|gt: {index}
                    ProcessId|lt: 100000
                keywords:
                    - 'kw{index}-{word}'
                condition: selection or keywords
            """,
    };
}
