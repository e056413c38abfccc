using Microsoft.Playwright;

namespace NML.Matching.Portal.Tests.Infrastructure;

/// <summary>Working with the keyboard alone, as a person without a mouse does.</summary>
public static class Keyboard
{
    /// <summary>Presses Tab from where the focus is until <paramref name="target"/> has it (at most <paramref name="most"/> times).</summary>
    public static async Task TabToAsync(this IPage page, ILocator target, int most = 20)
    {
        for (var i = 0; i < most; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement")) return;
        }
        Assert.Fail($"{most} presses of Tab did not reach {target}");
    }
}
