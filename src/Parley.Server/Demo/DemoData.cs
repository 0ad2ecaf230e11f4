using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Parley.Routing;
using Parley.Server.Agents;
using Parley.Server.Calendars;
using Parley.Server.Contracts;
using Parley.Server.Queues;
using Parley.Server.Storage;

namespace Parley.Server.Demo;

/// <summary>The demo queues and agents seeded into an empty database, so a first run has something to try.</summary>
internal static class DemoData
{
    /// <summary>
    /// Two queues that show the routing features: language skills picked by a pre-chat answer (relaxed after two
    /// minutes), a priority answer, aging, overflow from support to sales, a returning customer's agent (affinity), best
    /// skill match and manual pick in sales. No wrap-up and no queue limit, so a first try behaves plainly. A third,
    /// billing, keeps office hours (<see cref="Calendars"/>).
    /// </summary>
    public static IReadOnlyList<QueueRecord> Queues() =>
    [
        new()
        {
            Name = "support",
            DisplayName = "Customer support",
            Welcome = "Welcome to Northwind support! An agent will be with you shortly.",
            Questions =
            [
                new() { Id = "topic", Label = "What is your question about?", Type = "choice", Options = ["An order", "Returns and refunds", "Product advice", "Something else"], Required = true },
                new() { Id = "order", Label = "Order number (if you have one)", Type = "text" },
                new() { Id = "language", Label = "Language", Type = "choice", Options = ["English", "Nederlands", "Deutsch"] },
            ],
            AnswerRules =
            [
                new() { Question = "language", Answer = "Nederlands", Skill = "lang:nl", MinimumLevel = 1 },
                new() { Question = "language", Answer = "Deutsch", Skill = "lang:de", MinimumLevel = 1 },
                new() { Question = "topic", Answer = "Returns and refunds", Priority = 5 },
            ],
            Relaxation =
            [
                new() { AfterSeconds = 120, Skill = "lang:nl" },
                new() { AfterSeconds = 120, Skill = "lang:de" },
            ],
            PriorityAgingSeconds = 60,
            OverflowQueue = "sales",
            OverflowAfterSeconds = 600,
            AffinitySeconds = 20,
        },
        new()
        {
            Name = "sales",
            DisplayName = "Sales",
            Welcome = "Welcome! Our sales team will be with you shortly.",
            Questions = [new() { Id = "interest", Label = "What are you looking for?", Type = "text" }],
            RequiredSkills = [new() { Skill = "product", MinimumLevel = 1 }],
            Strategy = RoutingStrategy.BestSkillMatch,
            ManualPick = true,
        },
        // The one demo queue with business hours, so support and sales (and every test and check that uses them)
        // behave the same at any hour. Out of hours customers may leave a message.
        new()
        {
            Name = "billing",
            DisplayName = "Billing",
            Welcome = "Welcome to Northwind billing! We will be with you shortly.",
            Questions = [new() { Id = "invoice", Label = "Invoice number (if you have one)", Type = "text" }],
            Calendar = OfficeHours,
            ClosedPolicy = AvailabilityPolicy.Message,
        },
    ];

    /// <summary>
    /// The demo queues' workflows: every queue asks for a rating at the end (sales in its own words) and billing mails the
    /// transcript by itself. No inactivity rules and no closing line, so the demo's chats (and the tests that use them)
    /// stay as they are until someone edits a workflow.
    /// </summary>
    public static WorkflowDefinition WorkflowOf(string queue) => queue switch
    {
        "sales" => new() { Survey = new() { Enabled = true, Question = "How did our sales team do?" } },
        "billing" => new() { Survey = new() { Enabled = true }, Transcript = new() { Automatic = true } },
        _ => new() { Survey = new() { Enabled = true } },
    };

    public const string OfficeHours = "office-hours";

    /// <summary>Billing's hours: weekdays 09:00–17:30 and Saturday morning in Amsterdam, closed on the Christmas holidays.</summary>
    public static IReadOnlyList<CalendarRecord> Calendars() =>
    [
        new()
        {
            Name = OfficeHours,
            TimeZone = "Europe/Amsterdam",
            Weekly =
            [
                .. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
                    .Select(day => new WeeklyHours(day, new(9, 0), new(17, 30))),
                new(DayOfWeek.Saturday, new(10, 0), new(13, 0)),
            ],
            Exceptions = [new(new(2026, 12, 24), new(2026, 12, 24), "Christmas Eve", [new(new(9, 0), new(13, 0))])],
            Holidays =
            [
                new(new(2026, 12, 25), "Christmas Day"),
                new(new(2026, 12, 26), "Boxing Day"),
                new(new(2027, 1, 1), "New Year's Day"),
            ],
        },
    ];

    /// <summary>Alice speaks Dutch, is a backup in sales and handles billing; Bob speaks German and knows the products best.</summary>
    public static IReadOnlyList<AgentRecord> Agents(string password, IPasswordHasher<AgentRecord> hasher)
    {
        AgentRecord[] agents =
        [
            new()
            {
                Username = "alice", DisplayName = "Alice Adams", PasswordHash = "", Roles = [AgentRoles.Agent, AgentRoles.Supervisor],
                Queues = ["support", "sales", "billing"], QueuePriorities = new() { ["sales"] = 2 }, SupervisedQueues = ["support", "sales", "billing"],
                Skills = new() { ["lang:en"] = 9, ["lang:nl"] = 10, ["product"] = 5 },
            },
            new()
            {
                Username = "bob", DisplayName = "Bob Baker", PasswordHash = "", Roles = [AgentRoles.Agent],
                Queues = ["support", "sales"],
                Skills = new() { ["lang:en"] = 8, ["lang:de"] = 7, ["product"] = 8 },
            },
            new() { Username = "admin", DisplayName = "Ada Admin", PasswordHash = "", Roles = [AgentRoles.Admin, AgentRoles.Supervisor], Queues = [] },
        ];
        foreach (var agent in agents)
        {
            agent.PasswordHash = hasher.HashPassword(agent, password);
        }

        return agents;
    }

    /// <summary>A password for this installation's demo agents when none is configured.</summary>
    public static string GeneratePassword() =>
        RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 16);
}
