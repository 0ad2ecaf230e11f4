using Parley.Server.Admin;

namespace Parley.Server.Startup;

/// <summary>
/// A queue in configuration (<c>Parley:Queues:0:…</c>): the same settings as the admin API's queue, checked with
/// the same rules at start-up. Lists bind by index, for example <c>Parley:Queues:0:RequiredSkills:0:Skill</c>.
/// </summary>
public sealed class QueueOptions : QueueDefinition;
