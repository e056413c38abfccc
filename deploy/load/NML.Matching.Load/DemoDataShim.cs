using System.Security.Cryptography;
using System.Text;

namespace NML.Matching.Api.Demo;

/// <summary>
/// The one member of the API's <c>DemoData</c> that the linked <c>DemoRegisters.cs</c> needs, with the same
/// formula, so that the generators compile here without EF Core. The loader itself calls only the per-item
/// generators (<c>CandidateProfileFor</c>, <c>UnitDescriptionFor</c>) and lets the API assign the ids.
/// </summary>
internal static class DemoData
{
    public static Guid StableId(string name) => new(SHA256.HashData(Encoding.UTF8.GetBytes("nml-demo:" + name)).AsSpan(0, 16));
}
