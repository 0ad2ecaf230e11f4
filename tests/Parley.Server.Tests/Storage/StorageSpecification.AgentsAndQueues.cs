using Microsoft.EntityFrameworkCore;
using Parley.Routing;
using Parley.Server.Storage;

namespace Parley.Server.Tests.Storage;

/// <summary>Agents and queues: what the directory and the queue catalog store, on every provider.</summary>
public abstract partial class StorageSpecification
{
    // ---- Agents and queues -------------------------------------------------------------------------------------

    [Fact]
    public async Task Agents_are_created_read_updated_and_deleted_with_their_roles_queues_and_skills()
    {
        await using (var context = await ContextAsync())
        {
            context.Add(new AgentRecord
            {
                Username = "alice",
                DisplayName = "Alice Adams",
                PasswordHash = "AQAAAAIAAYagAAAAE-hash",
                Roles = ["agent", "supervisor"],
                Queues = ["support", "sales"],
                QueuePriorities = new() { ["support"] = 1, ["sales"] = 2 },
                Skills = new() { ["lang:nl"] = 9, ["product"] = 4 },
                Capacity = 4,
            });
            await context.SaveChangesAsync();
        }

        await using (var read = Database.CreateContext())
        {
            var alice = await read.Agents.FindAsync("alice");
            Assert.NotNull(alice);
            Assert.Equal(("Alice Adams", "AQAAAAIAAYagAAAAE-hash", 4), (alice.DisplayName, alice.PasswordHash, alice.Capacity));
            Assert.Equal(["agent", "supervisor"], alice.Roles);
            Assert.Equal(["support", "sales"], alice.Queues);
            Assert.Equal(new Dictionary<string, int> { ["support"] = 1, ["sales"] = 2 }, alice.QueuePriorities);
            Assert.Equal(new Dictionary<string, int> { ["lang:nl"] = 9, ["product"] = 4 }, alice.Skills);

            // Changed in place, as the admin mapping does: the JSON columns see it.
            alice.Skills["lang:nl"] = 7;
            alice.Skills.Remove("product");
            alice.Roles.Add("admin");
            alice.DisplayName = "Alice A.";
            await read.SaveChangesAsync();
        }

        await using (var reread = Database.CreateContext())
        {
            var alice = await reread.Agents.AsNoTracking().SingleAsync(a => a.Username == "alice");
            Assert.Equal("Alice A.", alice.DisplayName);
            Assert.Equal(["agent", "supervisor", "admin"], alice.Roles);
            Assert.Equal(new Dictionary<string, int> { ["lang:nl"] = 7 }, alice.Skills);

            // As AdminService deletes.
            Assert.Equal(1, await reread.Agents.Where(a => a.Username == "alice").ExecuteDeleteAsync());
            Assert.False(await reread.Agents.AnyAsync());
        }
    }

    [Fact]
    public async Task Queues_are_created_read_updated_and_deleted_with_every_routing_setting()
    {
        var queue = new QueueRecord
        {
            Name = "support",
            DisplayName = "Customer support",
            Welcome = "Welcome to \"Northwind\" support!",
            OfferTimeoutSeconds = 25,
            Questions =
            [
                new() { Id = "topic", Label = "What is it about?", Type = "choice", Options = ["An order", "Returns and refunds"], Required = true },
                new() { Id = "language", Label = "Language", Type = "choice", Options = ["English", "Nederlands", "Deutsch"] },
            ],
            RequiredSkills = [new() { Skill = "support", MinimumLevel = 2 }],
            Priority = 3,
            AnswerRules =
            [
                new() { Question = "language", Answer = "Nederlands", Skill = "lang:nl", MinimumLevel = 1 },
                new() { Question = "topic", Answer = "Returns and refunds", Priority = 5 },
            ],
            MaxQueueLength = 40,
            MaxWaitSeconds = 900,
            OverflowQueue = "sales",
            OverflowAfterSeconds = 600,
            Relaxation = [new() { AfterSeconds = 120, Skill = "lang:nl" }, new() { AfterSeconds = 60, Skill = "support", MinimumLevel = 1 }],
            WrapUpSeconds = 15,
            Strategy = RoutingStrategy.BestSkillMatch,
            PriorityAgingSeconds = 60,
            ManualPick = true,
            AffinitySeconds = 20,
        };
        await using (var context = await ContextAsync())
        {
            context.AddRange(queue, new QueueRecord { Name = "sales", DisplayName = "Sales" });
            await context.SaveChangesAsync();
        }

        await using (var read = Database.CreateContext())
        {
            var stored = await read.Queues.FindAsync("support");
            Assert.NotNull(stored);
            Assert.Equivalent(queue, stored, strict: true);

            var sales = await read.Queues.AsNoTracking().SingleAsync(q => q.Name == "sales");
            Assert.Equal((RoutingStrategy.LongestIdle, 30, (int?)null, 0), (sales.Strategy, sales.OfferTimeoutSeconds, sales.MaxQueueLength, sales.Questions.Count));

            stored.Questions[0].Options.Add("Something else");
            stored.AnswerRules.RemoveAt(1);
            stored.Strategy = RoutingStrategy.LeastOccupied;
            stored.MaxQueueLength = null;
            await read.SaveChangesAsync();
        }

        await using (var reread = Database.CreateContext())
        {
            var stored = await reread.Queues.AsNoTracking().SingleAsync(q => q.Name == "support");
            Assert.Equal(["An order", "Returns and refunds", "Something else"], stored.Questions[0].Options);
            Assert.Equal("lang:nl", Assert.Single(stored.AnswerRules).Skill);
            Assert.Equal((RoutingStrategy.LeastOccupied, (int?)null), (stored.Strategy, stored.MaxQueueLength));

            Assert.Equal(1, await reread.Queues.Where(q => q.Name == "support").ExecuteDeleteAsync());
            Assert.Equal(["sales"], await reread.Queues.Select(q => q.Name).ToListAsync());
        }
    }

    [Fact]
    public async Task Usernames_and_queue_names_are_matched_exactly_including_case()
    {
        await using (var context = await ContextAsync())
        {
            context.Add(new AgentRecord { Username = "alice", DisplayName = "Alice", PasswordHash = "x" });
            context.Add(new QueueRecord { Name = "support", DisplayName = "Support" });
            await context.SaveChangesAsync();
        }

        await using var read = Database.CreateContext();

        Assert.Null(await read.Agents.FindAsync("Alice"));
        Assert.False(await read.Agents.AnyAsync(a => a.Username == "ALICE"));
        Assert.False(await read.Queues.AnyAsync(q => q.Name == "Support"));
        Assert.NotNull(await read.Agents.FindAsync("alice"));
    }
}
