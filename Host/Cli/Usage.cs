namespace DistSys.Host.Cli;

internal static class Usage
{
    public const string Text = """
        usage: distributed_system master HOST PORT
               distributed_system NAME HOST PORT MASTER_HOST MASTER_PORT
               distributed_system --help | --version

          master HOST PORT                         start the master node listening on HOST:PORT
          NAME HOST PORT MASTER_HOST MASTER_PORT   start a worker node NAME on HOST:PORT that joins the master

        HOST is an IPv4/IPv6 address or a host name; PORT is 1-65535.
        NAME is 1-64 characters of letters, digits, '-' and '_'.

        """;
}
