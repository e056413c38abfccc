using Npgsql;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Tests;

/// <summary>The API's pool defaults apply unless the operator's connection string says otherwise.</summary>
public sealed class ConnectionStringTests
{
    [Fact]
    public void APlainConnectionStringGetsThePoolDefaults()
    {
        var result = new NpgsqlConnectionStringBuilder(ConnectionStrings.WithPoolDefaults("Host=db;Database=nml;Username=nml;Password=secret"));

        Assert.True(result.NoResetOnClose);
        Assert.Equal(64, result.MaxAutoPrepare);
        Assert.Equal(2, result.AutoPrepareMinUsages);
        Assert.Equal("db", result.Host);
        Assert.Equal("secret", result.Password);
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false;Max Auto Prepare=0;Auto Prepare Min Usages=5")]
    [InlineData("Host=db;noresetonclose=false;MAXAUTOPREPARE=0;autoprepareminusages=5")]
    public void SettingsTheOperatorGaveWin(string configured)
    {
        var result = new NpgsqlConnectionStringBuilder(ConnectionStrings.WithPoolDefaults(configured));

        Assert.False(result.NoResetOnClose);
        Assert.Equal(0, result.MaxAutoPrepare);
        Assert.Equal(5, result.AutoPrepareMinUsages);
    }
}
