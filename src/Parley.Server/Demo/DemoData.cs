using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Parley.Server.Agents;
using Parley.Server.Storage;

namespace Parley.Server.Demo;

/// <summary>The demo queues and agents seeded into an empty database, so a first run has something to try.</summary>
internal static class DemoData
{
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
            ],
        },
        new()
        {
            Name = "sales",
            DisplayName = "Sales",
            Welcome = "Welcome! Our sales team will be with you shortly.",
            Questions = [new() { Id = "interest", Label = "What are you looking for?", Type = "text" }],
        },
    ];

    public static IReadOnlyList<AgentRecord> Agents(string password, IPasswordHasher<AgentRecord> hasher)
    {
        AgentRecord[] agents =
        [
            new() { Username = "alice", DisplayName = "Alice Adams", PasswordHash = "", Roles = [AgentRoles.Agent, AgentRoles.Supervisor], Queues = ["support", "sales"] },
            new() { Username = "bob", DisplayName = "Bob Baker", PasswordHash = "", Roles = [AgentRoles.Agent], Queues = ["support", "sales"] },
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
