using System.Reflection;
using System.Reflection.Emit;

namespace Parley.Server.Tests.Architecture;

/// <summary>
/// Which of the server's feature folders each folder uses, read from the compiled assembly: the types in member
/// signatures, base types, attributes' constructors and every type, method and field token in the method bodies'
/// IL. A folder is the second part of a namespace (<c>Parley.Server.Agents.Foo</c> → <c>Agents</c>); the root
/// namespace (Program) is the composition and is left out.
/// </summary>
public static class FolderDependencies
{
    private const string Root = "Parley.Server";

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Every use of one folder by another, with one example (using type → used member) for the message.</summary>
    public static IReadOnlyDictionary<(string From, string To), string> Read(Assembly assembly)
    {
        var edges = new Dictionary<(string, string), string>();
        foreach (var type in assembly.GetTypes())
        {
            if (FolderOf(type) is not { } from)
            {
                continue;
            }

            foreach (var (used, via) in UsedTypes(type))
            {
                if (FolderOf(used) is { } to && to != from)
                {
                    edges.TryAdd((from, to), $"{type.FullName} → {used.FullName}{via}");
                }
            }
        }

        return edges;
    }

    public static string? FolderOf(Type type)
    {
        var ns = (type.IsNested ? OuterMost(type) : type).Namespace;
        if (ns is null || !ns.StartsWith(Root + ".", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = ns[(Root.Length + 1)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    private static Type OuterMost(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type;
    }

    private static IEnumerable<(Type Used, string Via)> UsedTypes(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (type.BaseType is { } baseType)
        {
            foreach (var t in Expand(baseType)) yield return (t, " (base type)");
        }

        foreach (var i in type.GetInterfaces())
        {
            foreach (var t in Expand(i)) yield return (t, " (interface)");
        }

        foreach (var a in type.CustomAttributes)
        {
            foreach (var t in Expand(a.AttributeType)) yield return (t, " (attribute)");
            foreach (var arg in a.ConstructorArguments.Where(x => x.Value is Type))
            {
                foreach (var t in Expand((Type)arg.Value!)) yield return (t, " (attribute argument)");
            }
        }

        foreach (var field in type.GetFields(all))
        {
            foreach (var t in Expand(field.FieldType)) yield return (t, $" (field {field.Name})");
        }

        foreach (var property in type.GetProperties(all))
        {
            foreach (var t in Expand(property.PropertyType)) yield return (t, $" (property {property.Name})");
        }

        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (method is MethodInfo info)
            {
                foreach (var t in Expand(info.ReturnType)) yield return (t, $" (return of {method.Name})");
            }

            foreach (var p in method.GetParameters())
            {
                foreach (var t in Expand(p.ParameterType)) yield return (t, $" (parameter of {method.Name})");
            }

            foreach (var (t, member) in BodyTokens(method))
            {
                yield return (t, $" ({member} in {method.Name})");
            }
        }
    }

    private static IEnumerable<Type> Expand(Type type)
    {
        if (type.HasElementType && type.GetElementType() is { } element)
        {
            foreach (var t in Expand(element)) yield return t;
            yield break;
        }

        if (type.IsGenericParameter)
        {
            yield break;
        }

        yield return type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                foreach (var t in Expand(argument)) yield return t;
            }
        }
    }

    /// <summary>The types named by the method body's IL: calls, field accesses, news, casts, typeof.</summary>
    private static IEnumerable<(Type Type, string Member)> BodyTokens(MethodBase method)
    {
        byte[]? il;
        try
        {
            il = method.GetMethodBody()?.GetILAsByteArray();
        }
        catch (Exception e) when (e is BadImageFormatException or InvalidOperationException)
        {
            il = null;
        }

        if (il is null)
        {
            yield break;
        }

        var module = method.Module;
        var typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il[position++]);
            }

            var opCode = OpCodesByValue[value];
            switch (opCode.OperandType)
            {
                case OperandType.InlineMethod:
                case OperandType.InlineField:
                case OperandType.InlineType:
                case OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, position);
                    position += 4;
                    MemberInfo? member;
                    try
                    {
                        member = module.ResolveMember(token, typeArguments, methodArguments);
                    }
                    catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException)
                    {
                        member = null;
                    }

                    switch (member)
                    {
                        case Type t:
                            foreach (var x in Expand(t)) yield return (x, "type");
                            break;
                        case MemberInfo m when m.DeclaringType is { } owner:
                            foreach (var x in Expand(owner)) yield return (x, m.Name);
                            if (m is MethodInfo { IsGenericMethod: true } generic)
                            {
                                foreach (var x in generic.GetGenericArguments().SelectMany(Expand)) yield return (x, m.Name);
                            }

                            break;
                    }

                    break;
                case OperandType.InlineSwitch:
                    var count = BitConverter.ToInt32(il, position);
                    position += 4 + (4 * count);
                    break;
                default:
                    position += OperandSize(opCode.OperandType);
                    break;
            }
        }
    }

    private static int OperandSize(OperandType type) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };
}
