package io.segursdk.mssante;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.Violation;

import java.util.List;

/**
 * An IHE XDM archive was refused while reading: not a zip, a path escaping the archive, too many entries, an entry
 * or a total too large, a compression ratio typical of a zip bomb, or a required file missing. Nothing of the archive
 * is returned. The {@link #violations()} say which rule failed (field {@code xdm.*}).
 */
public class XdmArchiveException extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    /**
     * @param field the rule's field, e.g. {@code xdm.path}
     * @param rule  what was wrong
     */
    public XdmArchiveException(String field, String rule) {
        super(List.of(new Violation(field, rule)));
    }
}
