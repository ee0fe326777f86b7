namespace DistSys.Supervision;

/// <summary>Which children a supervisor restarts when one of them has to be restarted.</summary>
public enum SupervisorStrategy
{
    /// <summary>Only the child that exited.</summary>
    OneForOne,

    /// <summary>Every child: the others are stopped in reverse start order, then all start again in order.</summary>
    OneForAll,

    /// <summary>The child that exited and every child started after it.</summary>
    RestForOne,

    /// <summary>Like one-for-one, for any number of dynamic children started from one template.</summary>
    SimpleOneForOne,
}
