using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Parley.Routing;
using Parley.Server.Agents;
using Parley.Server.Storage;

namespace Parley.Server.Demo;

/// <summary>The demo queues and agents seeded into an empty database, so a first run has something to try.</summary>
internal static class DemoData
{
    /// <summary>
    /// Two queues that show the routing features: language skills picked by a pre-chat answer (relaxed after two
    /// minutes), a priority answer, aging, overflow from support to sales, a returning customer's agent (affinity), best
    /// skill match and manual pick in sales. No wrap-up and no queue limit, so a first try behaves plainly.
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
    ];

    /// <summary>Alice speaks Dutch and is a backup in sales; Bob speaks German and knows the products best.</summary>
    public static IReadOnlyList<AgentRecord> Agents(string password, IPasswordHasher<AgentRecord> hasher)
    {
        AgentRecord[] agents =
        [
            new()
            {
                Username = "alice", DisplayName = "Alice Adams", PasswordHash = "", Roles = [AgentRoles.Agent, AgentRoles.Supervisor],
                Queues = ["support", "sales"], QueuePriorities = new() { ["sales"] = 2 },
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
