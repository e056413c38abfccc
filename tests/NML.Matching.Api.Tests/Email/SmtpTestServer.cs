using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace NML.Matching.Api.Tests.Email;

/// <summary>One mail as the SMTP server received it: the envelope (MAIL FROM, RCPT TO) and the parsed message.</summary>
public sealed record ReceivedMail(string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, MimeMessage Message, string Raw)
{
    /// <summary>The Message-ID header as sent, angle brackets included.</summary>
    public string? RawMessageId => Message.Headers[HeaderId.MessageId];
}

/// <summary>
/// A real SMTP server (the <c>SmtpServer</c> package) inside the test process, on a loopback port the system chose.
/// It keeps every mail it accepts, refuses recipients whose local part is <see cref="RefusedLocalPart"/> with 550, and
/// can be stopped (connections are refused) and started again on the same port.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    /// <summary>Mail to this local part (at any domain) is refused for good: 550 to RCPT TO.</summary>
    public const string RefusedLocalPart = "bestaat-niet";

    private SmtpServer.SmtpServer? _server;
    private Task? _running;

    private SmtpTestServer() { }

    public ConcurrentQueue<ReceivedMail> Received { get; } = new();

    public int Port { get; private set; }

    public bool IsRunning => _server is not null;

    public static async Task<SmtpTestServer> StartAsync()
    {
        var server = new SmtpTestServer();
        await server.ListenAsync(0);
        return server;
    }

    /// <summary>Stops listening and waits for open sessions to end: from now on a connection is refused.</summary>
    public async Task StopAsync()
    {
        if (_server is null) return;
        _server.Shutdown();
        await _running!.WaitAsync(TimeSpan.FromSeconds(30));
        _server = null;
        _running = null;
    }

    /// <summary>Listens again on the port it had.</summary>
    public Task RestartAsync() => _server is null ? ListenAsync(Port) : Task.CompletedTask;

    /// <summary>The mails received with this Message-ID (without angle brackets).</summary>
    public List<ReceivedMail> WithMessageId(string messageId) => [.. Received.Where(m => m.Message.MessageId == messageId)];

    private async Task ListenAsync(int port)
    {
        var listeners = new EndpointListenerFactory();
        var bound = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        listeners.EndpointStarted += (_, e) => bound.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        services.Add(new Store(this));
        services.Add(new Filter());
        var server = new SmtpServer.SmtpServer(options, services);
        _running = Task.Run(() => server.StartAsync(CancellationToken.None));
        var finished = await Task.WhenAny(bound.Task, _running, Task.Delay(TimeSpan.FromSeconds(30)));
        if (finished != bound.Task)
        {
            if (finished == _running) await _running; // the reason it could not listen
            throw new TimeoutException($"The SMTP test server did not start listening on port {port}.");
        }
        Port = await bound.Task;
        _server = server;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private sealed class Store(SmtpTestServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var bytes = buffer.ToArray();
            using var stream = new MemoryStream(bytes);
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            owner.Received.Enqueue(new ReceivedMail(
                transaction.From.AsAddress(), [.. transaction.To.Select(t => t.AsAddress())], message, System.Text.Encoding.UTF8.GetString(bytes)));
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!string.Equals(to.User, RefusedLocalPart, StringComparison.OrdinalIgnoreCase));
    }
}
