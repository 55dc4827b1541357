namespace Detektr.Persistence;

/// <summary>A MITRE ATT&amp;CK technique the classifier reports.</summary>
/// <param name="Id">Technique id.</param>
/// <param name="Name">Technique name.</param>
public sealed record AttackTechnique(string Id, string Name)
{
    /// <summary>Cron jobs.</summary>
    public static readonly AttackTechnique Cron = new("T1053.003", "Scheduled Task/Job: Cron");

    /// <summary>at jobs.</summary>
    public static readonly AttackTechnique At = new("T1053.002", "Scheduled Task/Job: At");

    /// <summary>systemd timers.</summary>
    public static readonly AttackTechnique SystemdTimer = new("T1053.006", "Scheduled Task/Job: Systemd Timers");

    /// <summary>systemd services.</summary>
    public static readonly AttackTechnique SystemdService = new("T1543.002", "Create or Modify System Process: Systemd Service");

    /// <summary>Shell rc and profile files.</summary>
    public static readonly AttackTechnique ShellConfiguration = new("T1546.004", "Event Triggered Execution: Unix Shell Configuration Modification");

    /// <summary>SSH authorized keys.</summary>
    public static readonly AttackTechnique SshAuthorizedKeys = new("T1098.004", "Account Manipulation: SSH Authorized Keys");

    /// <summary>ld.so.preload and linker configuration.</summary>
    public static readonly AttackTechnique DynamicLinkerHijacking = new("T1574.006", "Hijack Execution Flow: Dynamic Linker Hijacking");

    /// <summary>New local accounts.</summary>
    public static readonly AttackTechnique LocalAccount = new("T1136.001", "Create Account: Local Account");

    /// <summary>Changes to existing accounts.</summary>
    public static readonly AttackTechnique AccountManipulation = new("T1098", "Account Manipulation");

    /// <summary>rc.local and init scripts.</summary>
    public static readonly AttackTechnique RcScripts = new("T1037.004", "Boot or Logon Initialization Scripts: RC Scripts");

    /// <summary>XDG autostart entries.</summary>
    public static readonly AttackTechnique XdgAutostart = new("T1547.013", "Boot or Logon Autostart Execution: XDG Autostart Entries");

    /// <summary>sudoers.</summary>
    public static readonly AttackTechnique Sudoers = new("T1548.003", "Abuse Elevation Control Mechanism: Sudo and Sudo Caching");
}
