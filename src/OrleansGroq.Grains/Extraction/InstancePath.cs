using System.Globalization;
using System.Text;

namespace OrleansGroq.Grains.Extraction;

/// <summary>
/// The validator's position in the instance as a stack of segments; the JSON pointer string is built only when a
/// violation is reported, so valid instances cost no path strings.
/// </summary>
internal sealed class InstancePath
{
    private readonly List<(string? Name, int Index)> _segments = [];

    public void Push(string name) => _segments.Add((name, 0));

    public void Push(int index) => _segments.Add((null, index));

    public void Pop() => _segments.RemoveAt(_segments.Count - 1);

    public override string ToString()
    {
        if (_segments.Count == 0)
        {
            return "";
        }

        var pointer = new StringBuilder();
        foreach (var (name, index) in _segments)
        {
            pointer.Append('/');
            if (name is null)
            {
                pointer.Append(index.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                pointer.Append(name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
            }
        }

        return pointer.ToString();
    }
}
